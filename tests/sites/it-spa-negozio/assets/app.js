// Voltera Elettronica — piccola single-page app: le rotte sono renderizzate lato client.
(function () {
  var views = {
    '/': {
      title: 'Voltera Elettronica | Smartphone, TV, informatica',
      html: '<section class="hero"><h1>Tecnologia che dura, prezzi chiari</h1><p>Consegna gratuita sopra i 49 € e ritiro in negozio in 2 ore a Milano, Torino e Bologna.</p></section>' +
        '<div class="cards">' +
        '<div class="card" onclick="app.go(\'/offerte\')"><h3>Offerte della settimana</h3><p>TV OLED, portatili e smartwatch scontati fino al 30%</p></div>' +
        '<div class="card" onclick="app.go(\'/assistenza\')"><h3>Assistenza clienti</h3><p>Ordini, resi, garanzia e tutti i modi per parlare con noi</p></div>' +
        '<div class="card" onclick="app.go(\'/assistenza/spedizioni\')"><h3>Traccia il tuo ordine</h3><p>Tempi di consegna e corrieri</p></div>' +
        '</div>'
    },
    '/offerte': {
      title: 'Offerte | Voltera Elettronica',
      html: '<h1>Offerte della settimana</h1><p>Smart TV 55" OLED a 899 €, notebook 14" con 16 GB di RAM a 649 €, cuffie con cancellazione del rumore a 179 €.</p><p>Le offerte sono valide fino a esaurimento scorte.</p>'
    },
    '/assistenza': {
      title: 'Centro assistenza | Voltera Elettronica',
      html: '<h1>Centro assistenza</h1><p>Scegli un argomento: troverai le risposte alle domande più frequenti.</p>' +
        '<div class="cards">' +
        '<div class="card" onclick="app.go(\'/assistenza/spedizioni\')"><h3>Ordini e spedizioni</h3><p>Stato dell\'ordine, tempi e costi di consegna</p></div>' +
        '<div class="card" onclick="app.go(\'/assistenza/resi\')"><h3>Resi e rimborsi</h3><p>Diritto di recesso e rimborsi</p></div>' +
        '<div class="card" onclick="app.go(\'/assistenza/garanzia\')"><h3>Garanzia e riparazioni</h3><p>Garanzia legale e assistenza tecnica</p></div>' +
        '<div class="card" onclick="app.go(\'/contattaci\')"><h3>Parla con noi</h3><p>Telefono ed e-mail del servizio clienti</p></div>' +
        '</div><p>Preferisci scriverci subito? Il nostro indirizzo è assistenza@voltera-elettronica.example.</p>'
    },
    '/assistenza/spedizioni': {
      title: 'Ordini e spedizioni | Voltera Elettronica',
      html: '<h1>Ordini e spedizioni</h1><p>Gli ordini confermati entro le 14:00 partono in giornata. La consegna standard richiede da 2 a 4 giorni lavorativi; riceverai un SMS dal corriere con il link di tracciamento.</p><p>Per gli elettrodomestici di grandi dimensioni la consegna è al piano, su appuntamento.</p>'
    },
    '/assistenza/resi': {
      title: 'Resi e rimborsi | Voltera Elettronica',
      html: '<h1>Resi e rimborsi</h1><p>Hai 30 giorni dalla consegna per restituire un prodotto acquistato online. Il rimborso viene emesso sullo stesso metodo di pagamento entro 14 giorni dal ricevimento del reso.</p>'
    },
    '/assistenza/garanzia': {
      title: 'Garanzia e riparazioni | Voltera Elettronica',
      html: '<h1>Garanzia e riparazioni</h1><p>Tutti i prodotti hanno la garanzia legale di conformità di 24 mesi. Puoi portare il prodotto difettoso in uno dei nostri negozi oppure richiedere il ritiro a domicilio.</p>'
    },
    '/contattaci': {
      title: 'Contattaci | Voltera Elettronica',
      html: '<h1>Contattaci</h1><h2>Servizio clienti telefonico</h2>' +
        '<p class="tel"><span>02</span> <span>4567</span> <span>8901</span></p>' +
        '<p>Dal lunedì al venerdì dalle 9:00 alle 19:00, il sabato dalle 9:00 alle 13:00.</p>' +
        '<h2>E-mail</h2><p><a href="mailto:assistenza@voltera-elettronica.example">assistenza@voltera-elettronica.example</a></p>' +
        '<p>Rispondiamo alle e-mail entro 2 giorni lavorativi.</p>'
    }
  };
  function render(path) {
    var v = views[path] || { title: 'Pagina non trovata | Voltera Elettronica', html: '<h1>Pagina non trovata</h1><p>La pagina che cerchi non esiste.</p>' };
    document.title = v.title;
    document.getElementById('app').innerHTML = v.html;
    window.scrollTo(0, 0);
  }
  window.app = {
    go: function (path) {
      history.pushState({}, '', path);
      render(path);
      closeMenus();
    }
  };
  function closeMenus() {
    var m = document.querySelector('.mega');
    if (m) m.classList.remove('open');
    var menu = document.getElementById('menu');
    menu.classList.remove('open');
    document.querySelector('.burger').setAttribute('aria-expanded', 'false');
  }
  window.addEventListener('popstate', function () { if (document.getElementById('app')) render(location.pathname); });
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[data-spa]');
    if (!a || !document.getElementById('app')) return;
    e.preventDefault();
    app.go(a.getAttribute('href'));
  });
  document.addEventListener('DOMContentLoaded', function () {
    if (document.getElementById('app')) render(location.pathname.replace(/\.html$/, '').replace(/\/index$/, '/') || '/');
    var mega = document.querySelector('.mega');
    mega.addEventListener('mouseenter', function () { mega.classList.add('open'); });
    mega.addEventListener('mouseleave', function () { mega.classList.remove('open'); });
    var burger = document.querySelector('.burger');
    burger.addEventListener('click', function () {
      var menu = document.getElementById('menu');
      var open = menu.classList.toggle('open');
      burger.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  });
})();
