// On a phone the navigation is one line that scrolls sideways: bring the current page's entry into
// view, so that the reader sees where they are. Only the navigation scrolls, never the page.
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav");
  var current = nav && nav.querySelector('[aria-current="page"]');
  if (!current || nav.scrollWidth <= nav.clientWidth) { return; }
  var offset = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
  nav.scrollLeft += offset - (nav.clientWidth - current.offsetWidth) / 2;
}());
