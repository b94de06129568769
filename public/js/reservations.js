// The live preview of the reservations calendar: as boxes are ticked, the changes and their
// majorations are listed, from what the server wrote on each cell (its current unit, whether a
// change is on time or late, the majoration of each unit). It decides nothing: the summary page,
// computed by the server, is what the parent confirms. Without JavaScript the form works the same.
(function () {
  var table = document.querySelector('[data-reservations]');
  var box = document.getElementById('resume-direct');
  if (!table || !box) return;
  var euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  var controls = table.querySelectorAll('[data-cellule]');

  var heading = document.createElement('h2');
  heading.textContent = 'Aperçu des modifications';
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  var list = document.createElement('ul');
  var hint = document.createElement('p');
  hint.textContent = 'Aperçu indicatif : le récapitulatif, calculé au moment de l’enregistrement, fait foi.';
  box.appendChild(heading);
  box.appendChild(status);
  box.appendChild(list);
  box.appendChild(hint);

  function wanted(control) {
    if (control.type === 'checkbox') return control.checked ? control.value : '';
    return control.value;
  }

  function option(control, code) {
    if (control.type === 'checkbox') return null;
    for (var i = 0; i < control.options.length; i++) if (control.options[i].value === code) return control.options[i];
    return null;
  }

  function majoration(control, code) {
    var source = control.type === 'checkbox' ? control : option(control, code);
    return source ? Number(source.getAttribute('data-majoration')) || 0 : 0;
  }

  function unitLabel(control, code) {
    var found = option(control, code);
    return found ? found.getAttribute('data-libelle') : '';
  }

  function render() {
    var lines = [];
    var total = 0;
    for (var i = 0; i < controls.length; i++) {
      var control = controls[i];
      var before = control.getAttribute('data-actuel');
      var after = wanted(control);
      if (before === after) continue;
      var late = control.getAttribute('data-delai') === 'late';
      var what;
      var cost = 'dans les délais';
      if (after === '') {
        what = 'annuler';
        if (late) cost = 'après la date limite : reste facturé';
      } else {
        what = before === '' ? 'réserver' : 'changer pour';
        var label = unitLabel(control, after);
        if (label) what += ' ' + label;
        if (late) {
          var amount = majoration(control, after);
          total += amount;
          cost = 'avec majoration ' + control.getAttribute('data-regle') + ' soit ' + euros.format(amount / 100);
        }
      }
      lines.push(
        control.getAttribute('data-jour') +
          ' — ' +
          control.getAttribute('data-service') +
          ' : ' +
          what +
          ' (' +
          cost +
          ')',
      );
    }
    while (list.firstChild) list.removeChild(list.firstChild);
    lines.forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = text;
      list.appendChild(item);
    });
    box.hidden = lines.length === 0;
    status.textContent =
      lines.length === 0
        ? ''
        : lines.length +
          (lines.length > 1 ? ' modifications' : ' modification') +
          ' ; total des majorations : ' +
          euros.format(total / 100) +
          '.';
  }

  table.addEventListener('change', render);
  render();
})();
