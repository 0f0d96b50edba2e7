document.addEventListener('DOMContentLoaded', function () {
  var btn = document.getElementById('ver-mas');
  var list = document.getElementById('articulos');
  btn.addEventListener('click', function () {
    var next = btn.getAttribute('data-next');
    btn.disabled = true;
    fetch(next).then(function (r) { return r.json(); }).then(function (data) {
      data.items.forEach(function (it) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = it.href; a.textContent = it.title;
        li.appendChild(a); list.appendChild(li);
      });
      if (data.next) { btn.setAttribute('data-next', data.next); btn.disabled = false; }
      else {
        btn.remove();
        var p = document.createElement('p');
        p.className = 'still';
        p.innerHTML = '¿No encuentras lo que buscas? <a href="/contacto.html">Contacta con nosotros</a>';
        list.insertAdjacentElement('afterend', p);
      }
    });
  });
});
