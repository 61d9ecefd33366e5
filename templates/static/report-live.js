// A report page follows its job as server-sent events: progress as it runs, and a reload when it
// is done, fails, or is made again because its cohort got a new version.
document.addEventListener('DOMContentLoaded', function () {
  var page = document.getElementById('report-job');
  if (!page || !window.EventSource) { return; }
  var events = new EventSource('/api/reports/' + page.dataset.report + '/events');
  // the state when the stream opened: if the job moved on between the page and the stream
  // (it ended, or a new revision began), the events of that change are gone: reload now
  events.addEventListener('status', function (e) {
    var s = JSON.parse(e.data);
    if (s.status !== page.dataset.status || String(s.revision) !== page.dataset.revision
        || String(s.artefacts_revision || 0) !== page.dataset.served) {
      events.close();
      window.location.reload();
    }
  });
  events.addEventListener('progress', function (e) {
    var p = JSON.parse(e.data);
    var bar = document.getElementById('progress');
    var text = document.getElementById('progress-text');
    if (bar) { bar.max = p.total; bar.value = p.done; }
    if (text) { text.textContent = p.done + ' of ' + p.total + ' steps'; }
    document.getElementById('status').textContent = 'running';
  });
  ['done', 'failed', 'refresh'].forEach(function (name) {
    events.addEventListener(name, function () { events.close(); window.location.reload(); });
  });
  // the frame grows to its content, so the page scrolls as one
  var frame = document.getElementById('report-frame');
  if (frame) {
    frame.addEventListener('load', function () {
      frame.style.height = frame.contentDocument.documentElement.scrollHeight + 'px';
    });
  }
});
