// The upload page: the file (picked or dropped) goes to POST /upload as the form's file part
// (its value labels, when given, as a 'labels' field), the name in the query, the page's form
// token in a header; the bar shows the bytes sent.
// The answer is the API's JSON: the new cohort (its link and warnings) or the file's problems.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('upload-form');
  if (!form) { return; }
  var input = document.getElementById('upload-file');
  var nameField = document.getElementById('upload-name');
  var zone = document.getElementById('drop-zone');
  var bar = document.getElementById('upload-progress');
  var barText = document.getElementById('upload-progress-text');
  var result = document.getElementById('upload-result');
  var button = document.getElementById('upload-submit');

  function names() {
    return Array.prototype.map.call(document.querySelectorAll('#cohort-names option'),
      function (o) { return o.value; });
  }

  function showChosen() {
    var file = input.files[0];
    document.getElementById('drop-file-name').textContent = file
      ? file.name + ' (' + file.size + ' bytes)' : '';
    if (file && !nameField.value) {
      nameField.value = file.name.replace(/\.[^.]*$/, '');
    }
    noteVersion();
  }

  function noteVersion() {
    var exists = names().indexOf(nameField.value.trim()) >= 0;
    document.getElementById('upload-version-note').textContent = exists
      ? 'A cohort of this name exists: the file becomes its next version.' : '';
  }

  input.addEventListener('change', showChosen);
  nameField.addEventListener('input', noteVersion);
  ['dragenter', 'dragover'].forEach(function (kind) {
    zone.addEventListener(kind, function (e) { e.preventDefault(); zone.classList.add('over'); });
  });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      showChosen();
    }
  });

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    row.appendChild(td);
  }

  function table(id, headings, items, fields) {
    var t = document.createElement('table');
    t.id = id;
    var head = t.createTHead().insertRow();
    headings.forEach(function (h) {
      var th = document.createElement('th');
      th.textContent = h;
      head.appendChild(th);
    });
    var body = t.createTBody();
    items.forEach(function (item) {
      var row = body.insertRow();
      fields.forEach(function (f) { cell(row, item[f]); });
    });
    return t;
  }

  function paragraph(text, className, id) {
    var p = document.createElement('p');
    p.textContent = text;
    if (className) { p.className = className; }
    if (id) { p.id = id; }
    return p;
  }

  function accepted(status, cohort) {
    var p = paragraph((status === 201 ? 'Uploaded ' : 'Already stored, unchanged: ')
      + cohort.name + ', version ' + cohort.version + ', ' + cohort.patients + ' patients. ',
      null, 'upload-accepted');
    var link = document.createElement('a');
    link.href = '/cohorts/' + encodeURIComponent(cohort.id);
    link.id = 'new-cohort-link';
    link.textContent = 'Open the cohort';
    p.appendChild(link);
    result.appendChild(p);
    var labelled = Object.keys(cohort.value_labels || {});
    if (labelled.length) {
      result.appendChild(paragraph('Value labels stored for: ' + labelled.join(', ') + '.',
        'note', 'upload-labels-stored'));
    }
    if (cohort.warnings.length === 0) {
      result.appendChild(paragraph('No warnings.', 'note', 'upload-no-warnings'));
    } else {
      result.appendChild(paragraph('Warnings (the file was accepted):'));
      result.appendChild(table('upload-warnings', ['Row', 'Column', 'Warning'],
        cohort.warnings, ['row', 'column', 'message']));
    }
    if (names().indexOf(cohort.name) < 0) {
      var option = document.createElement('option');
      option.value = cohort.name;
      document.getElementById('cohort-names').appendChild(option);
    }
    noteVersion();
  }

  function refused(status, answer) {
    result.appendChild(paragraph('Not uploaded (' + status + '): ' + answer.error, 'error',
      'upload-error'));
    if (answer.problems && answer.problems.length) {
      result.appendChild(table('upload-problems', ['Row', 'Column', 'Expected'],
        answer.problems, ['row', 'column', 'message']));
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = input.files[0];
    if (!file) { return; }
    var body = new FormData();
    var labels = document.getElementById('upload-labels');
    if (labels && labels.value.trim()) {
      body.append('labels', labels.value); // the cohort's value labels, beside its file
    }
    body.append('file', file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/upload?name=' + encodeURIComponent(nameField.value));
    xhr.setRequestHeader('X-OncoSurv-Form', form.getAttribute('data-form-token'));
    xhr.upload.addEventListener('progress', function (p) {
      if (p.lengthComputable) {
        bar.value = Math.round(100 * p.loaded / p.total);
        barText.textContent = bar.value + ' % of ' + p.total + ' bytes sent';
      }
    });
    xhr.addEventListener('load', function () {
      button.disabled = false;
      bar.hidden = true;
      barText.textContent = '';
      var answer;
      try {
        answer = JSON.parse(xhr.responseText);
      } catch (err) {
        answer = { error: 'the server answered ' + xhr.status + ' without a reason.' };
      }
      if (xhr.status === 200 || xhr.status === 201) {
        accepted(xhr.status, answer);
      } else {
        refused(xhr.status, answer);
      }
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      bar.hidden = true;
      result.textContent = '';
      result.appendChild(paragraph('The upload did not reach the server: the connection '
        + 'failed. Try again.', 'error', 'upload-error'));
    });
    result.textContent = '';
    button.disabled = true;
    bar.value = 0;
    bar.hidden = false;
    xhr.send(body);
  });
});
