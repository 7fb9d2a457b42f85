/**
 * The `google.script.run` stand-in injected into the sidebar page by the preview. It behaves like
 * Apps Script's client: a fresh runner per withSuccessHandler / withFailureHandler / withUserObject,
 * any function name, asynchronous, arguments that are not plain JSON refused ("Failed due to
 * illegal value …"), server errors delivered to the failure handler as an Error with the message.
 * Each call is POSTed as {name, args} to /rpc on the preview server (same origin), with the
 * per-run token from the page's meta tag.
 */
export const SHIM_SOURCE = `
(function () {
  'use strict';
  function illegal(v, path) {
    if (v === null || v === undefined) return null;
    var t = typeof v;
    if (t === 'string' || t === 'boolean') return null;
    if (t === 'number') return isFinite(v) ? null : path;
    if (t !== 'object') return path;
    if (Object.prototype.toString.call(v) === '[object Date]') return path;
    if (typeof v.nodeType === 'number' && v.nodeName !== 'FORM') return path;
    if (Array.isArray(v)) {
      for (var i = 0; i < v.length; i++) { var b = illegal(v[i], path + '.' + i); if (b) return b; }
      return null;
    }
    for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) { var c = illegal(v[k], path + '.' + k); if (c) return c; }
    return null;
  }
  function token() {
    var m = document.querySelector('meta[name="preview-token"]');
    return m ? m.getAttribute('content') : '';
  }
  function notifyParent(name, ok) {
    try { if (window.parent && window.parent !== window) window.parent.postMessage({ source: 'lead-scoring-preview', name: name, ok: ok }, location.origin); } catch (e) {}
  }
  function runner(success, failure, userObject) {
    var base = {
      withSuccessHandler: function (f) { return runner(f, failure, userObject); },
      withFailureHandler: function (f) { return runner(success, f, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); },
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (name in target) return target[name];
        if (typeof name !== 'string' || name === 'then') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) {
            var error = new Error(message);
            if (failure) failure(error, userObject);
            else console.error('google.script.run ' + name + ' failed (no failure handler): ' + message);
          };
          var bad = null;
          for (var i = 0; i < args.length && !bad; i++) bad = illegal(args[i], String(i));
          if (bad !== null) {
            setTimeout(function () { fail('Failed due to illegal value in property: ' + bad); notifyParent(name, false); }, 0);
            return;
          }
          fetch('/rpc', { method: 'POST', headers: { 'content-type': 'application/json', 'x-preview-token': token() }, body: JSON.stringify({ name: name, args: args }) })
            .then(function (r) { return r.json(); })
            .then(function (res) {
              if (res.ok) { if (success) success(res.value, userObject); }
              else fail(res.error);
              notifyParent(name, !!res.ok);
            }, function (e) {
              fail('NetworkError: Connection failure due to HTTP 0 (' + (e && e.message) + ')');
              notifyParent(name, false);
            });
        };
      },
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: { close: function () {}, setHeight: function () {}, setWidth: function () {}, editor: { focus: function () {} }, origin: location.origin },
  };
})();
`;
