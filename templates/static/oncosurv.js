// Plain JavaScript, no framework: a changed endpoint or stratifier updates the page at once
// (the Update button stays for everything else, and for browsers without JavaScript).
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('select.autosubmit').forEach(function (select) {
    select.addEventListener('change', function () {
      if (select.id === 'by') {
        var cutoff = document.getElementById('cutoff');
        if (cutoff) { cutoff.value = ''; } // a cut-off belongs to the stratifier it was set for
      }
      if (select.id === 'endpoint') {
        var cause = document.getElementById('cause');
        if (cause) { cause.value = ''; } // a cause belongs to the endpoint it was chosen for
      }
      select.form.submit();
    });
  });
});
