/**
 * The preview's outer page: the sidebar in a 300 px frame (as Sheets shows it), a row picker that
 * stands in for the sheet's selection, the Leads tab's Bucket column in its conditional-format
 * colours, and a Save button. Self-contained (inline CSS and JS); lead data is rendered as text.
 */
export function shellHtml(title: string): string {
  const safeTitle = title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sidebar preview · ${safeTitle}</title>
<style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.4 Roboto, "Segoe UI", system-ui, Arial, sans-serif; color: #202124; background: #f8f9fa; }
  header { display: flex; align-items: center; gap: 12px; padding: 8px 16px; background: #fff; border-bottom: 1px solid #dadce0; height: 48px; }
  header h1 { font-size: 16px; font-weight: 500; margin: 0; }
  header .wb { color: #5f6368; }
  header .grow { flex: 1; }
  button { font: 500 13px Roboto, system-ui, Arial, sans-serif; height: 30px; padding: 0 14px; border-radius: 4px; cursor: pointer; border: 1px solid #dadce0; background: #fff; color: #1a73e8; }
  button.primary { background: #1a73e8; color: #fff; border-color: #1a73e8; }
  main { display: flex; gap: 16px; padding: 16px; align-items: flex-start; }
  .sheet { flex: 1; min-width: 320px; background: #fff; border: 1px solid #dadce0; border-radius: 8px; padding: 12px 16px; }
  .sheet h2 { font-size: 14px; font-weight: 500; margin: 0 0 8px; }
  .picker { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; flex-wrap: wrap; }
  .picker input { width: 80px; height: 30px; padding: 0 8px; border: 1px solid #dadce0; border-radius: 4px; font: inherit; }
  .hint { color: #5f6368; font-size: 12px; }
  .table-wrap { max-height: calc(100vh - 190px); overflow: auto; border: 1px solid #e8eaed; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e8eaed; white-space: nowrap; }
  th { position: sticky; top: 0; background: #f1f3f4; font-weight: 500; z-index: 1; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.name { max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
  tr.lead { cursor: pointer; }
  tr.lead.selected td { box-shadow: inset 0 2px 0 #1a73e8, inset 0 -2px 0 #1a73e8; }
  .frame { flex: none; width: 302px; background: #fff; border: 1px solid #dadce0; border-radius: 8px; overflow: hidden; box-shadow: 0 1px 3px rgba(60,64,67,.15); }
  .frame-title { display: flex; justify-content: space-between; align-items: center; height: 48px; padding: 0 12px 0 16px; border-bottom: 1px solid #dadce0; font: 400 16px "Google Sans", Roboto, system-ui, Arial, sans-serif; }
  .frame-title .x { color: #5f6368; font-size: 18px; }
  iframe { display: block; width: 300px; height: calc(100vh - 130px); border: 0; }
</style>
</head>
<body>
<header>
  <h1>Lead scoring · sidebar preview</h1>
  <span class="wb" id="wb"></span>
  <span class="grow"></span>
  <span class="hint" id="save-status" data-testid="save-status"></span>
  <button type="button" id="save" data-testid="save-workbook">Save workbook</button>
</header>
<main>
  <div class="frame">
    <div class="frame-title"><span>Lead scoring</span><span class="x" aria-hidden="true">×</span></div>
    <iframe id="sidebar" src="/sidebar" title="Lead scoring sidebar"></iframe>
  </div>
  <section class="sheet">
    <h2 id="sheet-title">Leads</h2>
    <div class="picker">
      <label for="row">Selected row</label>
      <input id="row" type="number" min="1" data-testid="row-input">
      <button type="button" class="primary" id="select" data-testid="select-row">Select</button>
      <span class="hint" id="selection" data-testid="selection"></span>
    </div>
    <p class="hint">Stands in for the sheet's selection: pick a row (or click one), then use “Explain selected row” in the sidebar. Row colours are the Leads tab's conditional formats.</p>
    <div class="table-wrap">
      <table data-testid="leads-table">
        <thead><tr><th>Row</th><th>Lead</th><th>Score</th><th>Bucket</th></tr></thead>
        <tbody id="rows"></tbody>
      </table>
    </div>
  </section>
</main>
<script>
(function () {
  'use strict';
  var selectedRow = null;
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = value === null || value === undefined ? '' : String(value);
    return el;
  }
  function post(path, body) {
    var token = document.querySelector('meta[name="preview-token"]').getAttribute('content');
    return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-token': token }, body: JSON.stringify(body || {}) }).then(function (r) { return r.json(); });
  }
  function render(state) {
    document.getElementById('wb').textContent = state.workbook;
    document.getElementById('sheet-title').textContent = state.leadsSheet + ' tab: ' + state.rows.length + ' leads';
    var sel = state.activeRange;
    document.getElementById('selection').textContent = sel ? 'Selection: ' + sel.sheetName + '!' + sel.a1 : 'Nothing selected';
    selectedRow = sel && sel.sheetName === state.leadsSheet ? sel.row : null;
    var body = document.getElementById('rows');
    var frag = document.createDocumentFragment();
    state.rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.className = 'lead' + (r.row === selectedRow ? ' selected' : '');
      tr.setAttribute('data-row', String(r.row));
      if (r.background) tr.style.backgroundColor = r.background;
      tr.appendChild(text('td', r.row, 'num'));
      tr.appendChild(text('td', r.name, 'name'));
      tr.appendChild(text('td', r.score, 'num'));
      tr.appendChild(text('td', r.bucket));
      tr.addEventListener('click', function () { select(r.row); });
      frag.appendChild(tr);
    });
    body.replaceChildren(frag);
  }
  function refresh() {
    return fetch('/preview/state').then(function (r) { return r.json(); }).then(render);
  }
  function select(row) {
    document.getElementById('row').value = String(row);
    return post('/preview/select', { row: row }).then(function (res) {
      if (!res.ok) document.getElementById('selection').textContent = res.error;
      else return refresh();
    });
  }
  document.getElementById('select').addEventListener('click', function () {
    var row = Number(document.getElementById('row').value);
    if (row >= 1) select(row);
  });
  document.getElementById('row').addEventListener('keydown', function (e) {
    if (e.key === 'Enter') document.getElementById('select').click();
  });
  document.getElementById('save').addEventListener('click', function () {
    var status = document.getElementById('save-status');
    status.textContent = 'Saving…';
    post('/save', {}).then(function (res) { status.textContent = res.ok ? 'Saved to ' + res.path : res.error; });
  });
  window.addEventListener('message', function (e) {
    if (e.origin === location.origin && e.data && e.data.source === 'lead-scoring-preview') refresh();
  });
  refresh();
})();
</script>
</body>
</html>
`;
}
