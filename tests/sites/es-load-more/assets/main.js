document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.menu-toggle');if(!b)return;var n=document.getElementById(b.getAttribute('aria-controls'));
b.addEventListener('click',function(){var o=b.getAttribute('aria-expanded')==='true';b.setAttribute('aria-expanded',String(!o));n.classList.toggle('open',!o);});});
