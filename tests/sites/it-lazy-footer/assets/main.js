document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.menu-toggle');if(!b)return;var n=document.getElementById(b.getAttribute('aria-controls'));
b.addEventListener('click',function(){var o=b.getAttribute('aria-expanded')==='true';b.setAttribute('aria-expanded',String(!o));n.classList.toggle('open',!o);});});

document.addEventListener('DOMContentLoaded',function(){document.querySelectorAll('[role=tab]').forEach(function(t){t.addEventListener('click',function(){
document.querySelectorAll('[role=tab]').forEach(function(o){o.setAttribute('aria-selected','false');document.getElementById(o.getAttribute('aria-controls')).hidden=true;});
t.setAttribute('aria-selected','true');document.getElementById(t.getAttribute('aria-controls')).hidden=false;});});});
