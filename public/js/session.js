// Warns two minutes before the idle timeout and lets the user stay logged in (RGAA / WCAG 2.2.1).
// Progressive enhancement only: without JavaScript the page states the timeout in words.
(function () {
  var root = document.querySelector('[data-session-extend]');
  if (!root) return;
  var idleMs = Number(root.getAttribute('data-idle-minutes')) * 60000;
  var warnBefore = 2 * 60000;
  var timer;
  var focusedBefore = null;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(warn, Math.max(0, idleMs - warnBefore));
  }

  function warn() {
    var box = document.getElementById('session-warning');
    box.hidden = false;
    var button = box.querySelector('button');
    focusedBefore = document.activeElement;
    button.focus();
  }

  function extend(event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    }).then(function (response) {
      // A session already ended answers with the login page, after a redirect.
      var alive = response.ok && !response.redirected;
      var box = document.getElementById('session-warning');
      box.hidden = true;
      var status = document.getElementById('session-status');
      status.textContent = alive
        ? 'Votre session est prolongée.'
        : 'Votre session a pris fin : reconnectez-vous pour continuer.';
      // Focus goes back where it was before the warning took it.
      if (focusedBefore && focusedBefore.focus) focusedBefore.focus();
      if (alive) schedule();
    });
  }

  root.querySelector('form').addEventListener('submit', extend);
  schedule();
})();
