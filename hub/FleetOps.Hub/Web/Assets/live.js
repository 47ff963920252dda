// Keeps a page current without reloading it: every few seconds it fetches the same URL and swaps in the parts
// marked data-live, as the browser parsed them from the hub's HTML (escaped by Razor on the server). It never
// builds HTML from data, and scripts in parsed documents do not run.
(() => {
  'use strict';
  const every = 3000;
  const status = document.getElementById('live-status');
  let timer = 0;

  const say = (text, stale) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('stale', stale);
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, every);
  };

  async function refresh() {
    if (document.hidden) return schedule();
    try {
      const answer = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
      // The session ended (logout elsewhere, a new admin token): go where the hub sent us.
      if (answer.redirected && new URL(answer.url).pathname === '/login') {
        location.assign(answer.url);
        return;
      }
      if (!answer.ok) throw new Error('HTTP ' + answer.status);
      const fresh = new DOMParser().parseFromString(await answer.text(), 'text/html');
      for (const part of document.querySelectorAll('[data-live]')) {
        const next = fresh.getElementById(part.id);
        if (next) part.replaceWith(document.adoptNode(next));
      }
      say('live · ' + new Date().toLocaleTimeString(), false);
    } catch (e) {
      say('hub not answering, retrying', true);
    }
    schedule();
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });
  say('live', false);
  schedule();
})();
