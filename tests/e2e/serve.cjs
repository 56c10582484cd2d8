// A static server for dist/ on 127.0.0.1: files as they are, a directory's index.html, index.html for any other path
// (the app's router has no hash mode). `node serve.cjs [dir] [port]` prints the URL.
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon',
};

/// `extras` maps a URL path to a file outside `root` (the host page, www/host.html).
function serve(root, port = 0, extras = {}) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const extra = extras[url.pathname];
    let file = extra || path.normalize(path.join(root, decodeURIComponent(url.pathname)));
    if (!extra && !file.startsWith(root)) { res.writeHead(403).end(); return; }
    fs.stat(file, (err, stat) => {
      // A directory with an index.html (dist/sidebar/) is that page, like any static server.
      if (!err && stat.isDirectory() && fs.existsSync(path.join(file, 'index.html'))) {
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
      if (err || !stat.isFile()) {
        // tz files and assets that do not exist are 404; pages fall back to the app.
        if (url.pathname.startsWith('/tz/') || path.extname(url.pathname)) { res.writeHead(404).end(); return; }
        file = path.join(root, 'index.html');
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

module.exports = { serve };

if (require.main === module) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  serve(dir, Number(port)).then((s) => console.log(`serving ${dir} on http://127.0.0.1:${s.address().port}/`));
}
