// fba trace explorer: rebuilds the heap at any request from the per-request diffs recorded by
// fba.report.HeapTimeline, and draws only the blocks around the one the request is about.
(function () {
  'use strict';
  var meta = JSON.parse(document.getElementById('meta').textContent);
  var steps = JSON.parse(document.getElementById('steps').textContent);
  var N = steps.length;
  // For the benchmark (verification/explorer-bench.sh): when the data was parsed, when the first drawing ended.
  document.body.setAttribute('data-parsed-ms', String(Math.round(performance.now())));
  var NIL = 4294967295;
  var PAGE = 65536;
  // A snapshot every CHECKPOINT requests bounds the replay when stepping backwards.
  var CHECKPOINT = 1000;
  // zoom level -> blocks drawn and pixels per order step
  var ZOOM_COUNT = [2000, 1000, 500, 240, 120, 60, 30, 15];
  var ZOOM_UNIT = [1, 2, 3, 4, 6, 10, 16, 24];
  // Widest a digit of an address label is (svg text: 10px monospace, about 6 px a character).
  var LABEL_CHAR = 6.5;
  var zoom = null; // null: chosen from the number of blocks until the user zooms
  var center = 0; // index into the sorted headers the view stays on when a request names no block

  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function blockSize(order) { return order >= 0 ? 8 * Math.pow(2, order) : 8; }
  function bytes(n) {
    if (n >= 1073741824) return (n / 1073741824).toFixed(2) + ' GiB';
    if (n >= 1048576) return (n / 1048576).toFixed(1) + ' MiB';
    if (n >= 1024) return (n / 1024).toFixed(1) + ' KiB';
    return n + ' B';
  }
  function colour(order) { return 'hsl(' + ((order * 47) % 360) + ',70%,38%)'; }

  function emptyState() {
    return { base: null, orders: 0, maxPages: 0, blocks: new Map(), sorted: [], heads: [], bumper: 0,
      pages: 0, poisoned: 0, growth: null };
  }
  function clone(s) {
    return { base: s.base, orders: s.orders, maxPages: s.maxPages, blocks: new Map(s.blocks),
      sorted: s.sorted.slice(), heads: s.heads.slice(), bumper: s.bumper, pages: s.pages,
      poisoned: s.poisoned, growth: s.growth };
  }
  function insertSorted(a, v) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] < v) lo = mid + 1; else hi = mid; }
    a.splice(lo, 0, v);
  }
  // Index of the last header <= addr, or -1.
  function floorIndex(a, addr) {
    var lo = 0, hi = a.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (a[mid] <= addr) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }

  var st = emptyState();
  var at = -1; // st is the heap after request `at` (0-based); -1 before the first
  var checkpoints = new Map([[0, clone(st)]]); // c -> heap before request c

  function apply(s) {
    st.growth = null;
    if ('z' in s) {
      var n = emptyState();
      if (s.z) { n.base = s.z[0]; n.orders = s.z[1]; n.maxPages = s.z[2]; n.heads = new Array(s.z[1]).fill(NIL); }
      st = n;
    }
    if (s.b) {
      for (var i = 0; i < s.b.length; i++) {
        var b = s.b[i];
        if (!st.blocks.has(b[0])) insertSorted(st.sorted, b[0]);
        st.blocks.set(b[0], [b[1], b[2], b[3], b[4]]);
      }
    }
    if (s.h) for (var j = 0; j < s.h.length; j++) st.heads[s.h[j][0]] = s.h[j][1];
    if ('u' in s) st.bumper = s.u;
    if ('g' in s) { if (!('z' in s)) st.growth = [st.pages, s.g]; st.pages = s.g; }
    if ('x' in s) st.poisoned = s.x;
  }

  function goTo(n) {
    if (N === 0) return;
    n = Math.max(0, Math.min(N - 1, n));
    if (n < at) {
      var c = Math.floor(n / CHECKPOINT) * CHECKPOINT;
      while (!checkpoints.has(c)) c -= CHECKPOINT;
      st = clone(checkpoints.get(c));
      at = c - 1;
    }
    while (at < n) {
      at++;
      // Snapshots cost a copy of the heap: on a long jump keep only the one just below the target.
      if (at % CHECKPOINT === 0 && n - at < CHECKPOINT && !checkpoints.has(at)) checkpoints.set(at, clone(st));
      apply(steps[at]);
    }
    render();
  }

  // ---- drawing ----

  function renderRequest(s) {
    var h = '<table><tr><th>request ' + (at + 1) + '</th><td><code id="req">' + esc(s.q) + '</code></td></tr>' +
      '<tr><th>reference</th><td><code id="ref">' + esc(s.r) + '</code></td></tr>';
    if ('i' in s) {
      var same = s.i === s.r;
      h += '<tr class="' + (same ? 'agrees' : 'diverges') + '"><th>implementation</th><td><code id="impl">' +
        esc(s.i) + '</code>' + (same ? '' : ' &mdash; differs from the reference') + '</td></tr>';
    } else if (meta.divergence) {
      h += '<tr class="agrees"><th>implementation</th><td id="impl-agrees">same as the reference</td></tr>';
    }
    $('request').innerHTML = h + '</table>';
  }

  function renderMemory(win) {
    if (st.base === null) { $('memory').innerHTML = '<p>no heap: no session initialised yet</p>'; return; }
    var size = st.pages * PAGE, W = 1000, sc = W / Math.max(size, 1);
    var svg = '<svg id="memsvg" width="' + (W + 20) + '" height="34"><g transform="translate(10,4)">' +
      '<rect class="mem" x="0" y="0" width="' + W + '" height="16"><title>memory: ' + st.pages + ' pages</title></rect>' +
      '<rect class="below" x="0" y="0" width="' + (st.base * sc) + '" height="16"><title>below the heap base</title></rect>' +
      '<rect class="used" x="' + (st.base * sc) + '" y="0" width="' + (st.bumper > st.base ? Math.max(2, (st.bumper - st.base) * sc) : 0) +
      '" height="16"><title>heap in use: ' + st.base + ' to ' + st.bumper + '</title></rect>';
    if (st.pages <= 256) {
      for (var p = 1; p < st.pages; p++) svg += '<line class="page" x1="' + p * PAGE * sc + '" x2="' + p * PAGE * sc + '" y1="0" y2="16"/>';
    }
    svg += '<line id="bumper-overview" class="bumper" x1="' + st.bumper * sc + '" x2="' + st.bumper * sc + '" y1="-2" y2="20"/>';
    if (win) {
      svg += '<rect class="window" x="' + win[0] * sc + '" y="-2" width="' + Math.max(2, (win[1] - win[0]) * sc) +
        '" height="20"><title>blocks drawn below</title></rect>';
    }
    svg += '</g></svg>';
    var text = '<p>heap base <b>' + st.base + '</b> &middot; bump pointer <b id="bumper-value">' + st.bumper +
      '</b> &middot; <span id="pages">' + st.pages + '</span> page' + (st.pages === 1 ? '' : 's') + ' (' + bytes(size) +
      ') of at most ' + st.maxPages + ' &middot; ' + st.sorted.length + (st.sorted.length === 1 ? ' block' : ' blocks') +
      (st.growth ? ' &middot; <b id="growth">memory ' + (st.growth[1] > st.growth[0] ? 'grew' : 'shrank') + ' from ' + st.growth[0] +
        ' to ' + st.growth[1] + ' pages at this request</b>' : '') +
      (st.poisoned ? ' &middot; <span class="poisoned" id="poisoned">poisoned</span>' : '') + '</p>';
    $('memory').innerHTML = svg + text;
  }

  function renderHeap(s) {
    var S = st.sorted;
    if (S.length === 0) { $('heapview').innerHTML = '<p id="noblocks">no blocks yet</p>'; return null; }
    var touched = -1;
    if ('m' in s) {
      var k = floorIndex(S, s.m);
      if (k >= 0) {
        center = k;
        var b0 = st.blocks.get(S[k]);
        if (s.m < S[k] + 8 + blockSize(b0[0])) touched = S[k];
      }
    }
    center = Math.min(center, S.length - 1);
    var z = zoomLevel();
    var count = ZOOM_COUNT[z], unit = ZOOM_UNIT[z];
    var start = Math.max(0, Math.min(center - (count >> 1), S.length - count));
    var end = Math.min(S.length, start + count);
    var linear = $('linear').checked;
    var perByte = 0;
    if (linear) {
      var span = S[end - 1] + 8 + blockSize(st.blocks.get(S[end - 1])[0]) - S[start];
      perByte = Math.max(900, count * unit * 4) / Math.max(span, 1);
    }
    var Y = 100, H = 26, x = 0, prevEnd = null, pos = new Map(), parts = [];
    // Address labels are drawn only where they do not run into the previous one (monospace
    // 10px: at most LABEL_CHAR px a digit); the outlined block's address always shows, on a
    // second line when the first is taken.
    var labelEnd = -Infinity, extraLine = false;
    var bumperDrawn = false;
    function drawBumper() {
      parts.push('<line id="bumper" class="bumper" x1="' + x + '" x2="' + x + '" y1="' + (Y - 6) + '" y2="' + (Y + H + 6) +
        '"><title>bump pointer ' + st.bumper + '</title></line><text x="' + (x + 3) + '" y="' + (Y + H + 24) + '">bumper ' + st.bumper + '</text>');
      x += 70;
      bumperDrawn = true;
    }
    for (var i = start; i < end; i++) {
      var h = S[i], b = st.blocks.get(h), size = blockSize(b[0]);
      // Blocks above the bump pointer exist only through forged headers or links.
      if (!bumperDrawn && st.bumper <= h && (i === 0 || S[i - 1] < st.bumper)) { x += 4; drawBumper(); }
      if (prevEnd !== null && h > prevEnd) {
        parts.push('<rect class="gap" x="' + x + '" y="' + (Y + 8) + '" width="8" height="' + (H - 16) +
          '"><title>' + (h - prevEnd) + ' bytes not in any known block</title></rect>');
        x += 10;
      }
      var w = linear ? Math.max(3, (size + 8) * perByte) : unit * (3 + Math.max(b[0], 0));
      var cls = 'block ' + (b[0] < 0 && b[1] === 0 ? 'unknown' : b[1] === 0 ? 'live' : 'free') +
        (h === touched ? ' touched' : '') + (b[3] ? ' forged' : '') + (prevEnd !== null && h < prevEnd ? ' overlap' : '');
      var title = 'header ' + h + ', ' + (b[0] >= 0 ? 'order ' + b[0] + ' (' + size + ' bytes)' : 'order unknown') + ', ' +
        (b[1] === 0 ? 'live' : 'free, next ' + (b[2] === NIL ? 'none' : b[2])) + (b[3] ? ', header forged by poke' : '');
      var label = '', labelW = String(h).length * LABEL_CHAR;
      if (x + 2 >= labelEnd + 4 && (w >= 34 || h === touched)) {
        label = '<text class="addr" x="' + (x + 2) + '" y="' + (Y + H + 12) + '">' + h + '</text>';
        labelEnd = x + 2 + labelW;
      } else if (h === touched) {
        label = '<text class="addr" x="' + (x + 2) + '" y="' + (Y + H + 36) + '">' + h + '</text>';
        extraLine = true;
      }
      parts.push('<g class="' + cls + '" data-header="' + h + '" data-order="' + b[0] + '"><rect x="' + x + '" y="' + Y +
        '" width="' + w + '" height="' + H + '"/>' + (w >= 12 ? '<text x="' + (x + 2) + '" y="' + (Y + 16) + '">' +
        (b[0] >= 0 ? b[0] : '?') + '</text>' : '') + label + '<title>' + title + '</title></g>');
      pos.set(h, x + w / 2);
      x += w + 1;
      prevEnd = h + 8 + size;
    }
    if (end === S.length && !bumperDrawn) {
      if (st.bumper > prevEnd) { x += 10; }
      drawBumper();
    }
    if (start > 0) parts.unshift('<text x="0" y="' + (Y + H + 24) + '">&larr; ' + start + ' blocks</text>');
    if (end < S.length) parts.push('<text x="' + (x + 4) + '" y="' + (Y + 16) + '">' + (S.length - end) + ' blocks &rarr;</text>');
    var first = S[start], last = S[end - 1];
    var arrows = listArrows(pos, first, last, Y);
    $('heapview').innerHTML = '<svg id="heap" width="' + (x + 120) + '" height="' + (Y + H + (extraLine ? 46 : 34)) + '">' +
      arrows + parts.join('') + '</svg>';
    scrollToTouched();
    return [first, last + 8 + blockSize(st.blocks.get(last)[0])];
  }

  // The outlined block in the middle of the heap's scroll box: in a long heap it is often far right.
  function scrollToTouched() {
    var hv = $('heapview'), t = hv.querySelector('g.touched rect');
    if (!t) return;
    var r = t.getBBox();
    hv.scrollLeft = Math.max(0, r.x + r.width / 2 - hv.clientWidth / 2);
    hv.setAttribute('data-scrolled-to', String(Math.round(hv.scrollLeft)));
  }

  // ---- the implementation's heap (fba.check.drive.ImplState) ----

  function word(answer) {
    var m = /^ok (\d+)$/.exec(answer || '');
    return m ? BigInt(m[1]) : null;
  }
  // A header word as sc-allocator writes it: bit 32 set, the order below; clear, the next free block.
  function describeHeader(w) {
    if (w === null) return { cls: 'odd', text: 'not a word' };
    var low = Number(w & 0xFFFFFFFFn), occupied = ((w >> 32n) & 1n) === 1n;
    if (w >> 33n !== 0n) return { cls: 'odd', text: 'bits above 32 set: ' + w };
    return occupied ? { cls: 'live', text: 'live, order ' + low } : { cls: 'free', text: 'free, next ' + (low === NIL ? 'none' : low) };
  }

  function renderImplHeap() {
    var box = $('implheap'), view = $('implview'), state = meta.impl_state;
    if (!meta.divergence) { box.hidden = true; return; }
    box.hidden = false;
    if (!state) {
      view.innerHTML = '<p id="impl-state-none">not drawn: this page was made from the trace file alone, with no implementation ' +
        'to ask; <code>fba check</code> draws it by asking the implementation (<code>peek</code>) at the divergent request</p>';
      return;
    }
    if (state.error) {
      view.innerHTML = '<p id="impl-state-error">the implementation could not report its own state: ' + esc(state.error) + '</p>';
      return;
    }
    if (at !== state.step - 1) {
      view.innerHTML = '<p id="impl-state-elsewhere">asked once, after the divergent request: see <a href="#step=' + state.step +
        '" id="impl-state-link">request ' + state.step + '</a></p>';
      $('impl-state-link').addEventListener('click', function (e) { e.preventDefault(); goTo(state.step - 1); });
      return;
    }
    function row(name, pair) {
      var d = pair[0] !== pair[1];
      return '<tr><th>' + name + '</th><td>' + esc(pair[0]) + '</td><td' + (d ? ' class="differs"' : '') + '>' + esc(pair[1]) + '</td></tr>';
    }
    var x = 0, parts = [], differ = 0, Y = 4, H = 26;
    for (var i = 0; i < state.headers.length; i++) {
      var e = state.headers[i], h = e[0], order = e[1], ref = e[2], own = e[3];
      var d = describeHeader(word(own)), w = 6 * (3 + Math.max(order, 0));
      var differs = ref !== own;
      if (differs) differ++;
      parts.push('<g class="implblock ' + d.cls + (differs ? ' differs' : '') + '" data-header="' + h + '"><rect x="' + x + '" y="' + Y +
        '" width="' + w + '" height="' + H + '"/><title>header ' + h + ': the reference reads ' + esc(ref) + ' (' +
        describeHeader(word(ref)).text + '), the implementation ' + esc(own) + ' (' + d.text + ')</title></g>');
      x += w + 1;
    }
    view.innerHTML = '<table id="impl-state-table"><tr><th></th><th>reference</th><th>implementation</th></tr>' +
      row('pages', state.pages) + row('stats', state.stats) + '</table><p id="impl-state-summary">' + differ + ' of ' +
      state.headers.length + ' headers differ (red); the blocks are the reference\'s, in address order, each coloured by ' +
      'what the implementation\'s header says</p><svg id="implsvg" width="' + (x + 20) + '" height="' + (Y + H + 8) + '">' +
      parts.join('') + '</svg>';
  }

  // Until the user zooms: the widest blocks that still show the whole heap (at least level 3).
  function zoomLevel() {
    if (zoom !== null) return zoom;
    var z = ZOOM_COUNT.length - 1;
    while (z > 3 && ZOOM_COUNT[z] < st.sorted.length) z--;
    return z;
  }

  function arrowHead(x, y, c) {
    return '<path class="tip" d="M' + (x - 4) + ',' + (y - 7) + ' L' + x + ',' + y + ' L' + (x + 4) + ',' + (y - 7) + 'Z" fill="' + c + '"/>';
  }

  // Each free list's links as arcs above the blocks, from a "head" tag over its first block.
  function listArrows(pos, first, last, Y) {
    var out = '';
    for (var k = 0; k < st.heads.length; k++) {
      var node = st.heads[k];
      if (node === NIL) continue;
      var c = colour(k), seen = new Set(), prev = null, lift = 14 + (k % 4) * 6;
      for (var guard = 0; node !== NIL && guard < 200000; guard++) {
        var px = prev === null ? null : pos.get(prev), nx = pos.get(node);
        if (prev === null && nx !== undefined) {
          out += '<path class="head" data-order="' + k + '" data-to="' + node + '" stroke="' + c + '" d="M' + nx + ',' + (Y - 34 - (k % 3) * 11) +
            ' L' + nx + ',' + (Y - 2) + '"/>' + arrowHead(nx, Y - 2, c) + '<text x="' + (nx - 10) + '" y="' + (Y - 38 - (k % 3) * 11) +
            '" fill="' + c + '">head ' + k + '</text>';
        } else if (prev !== null && (px !== undefined || nx !== undefined)) {
          var attrs = 'class="link' + (px === undefined || nx === undefined ? ' off' : '') + '" data-order="' + k +
            '" data-from="' + prev + '" data-to="' + node + '" stroke="' + c + '"';
          if (px !== undefined && nx !== undefined) {
            var hgt = Math.min(60, lift + Math.abs(nx - px) / 6);
            out += '<path ' + attrs + ' d="M' + px + ',' + Y + ' C' + px + ',' + (Y - hgt) + ' ' + nx + ',' + (Y - hgt) + ' ' + nx + ',' + Y + '"/>' +
              arrowHead(nx, Y, c);
          } else if (px !== undefined) {
            var dir = node < first ? -1 : 1, tx = px + dir * 30;
            out += '<path ' + attrs + ' d="M' + px + ',' + Y + ' Q' + px + ',' + (Y - lift) + ' ' + tx + ',' + (Y - lift) + '"/>' +
              '<text x="' + (dir < 0 ? tx - 40 : tx + 2) + '" y="' + (Y - lift + 3) + '" fill="' + c + '">&rarr;' + node + '</text>';
          } else {
            out += '<path ' + attrs + ' d="M' + (nx - 20) + ',' + (Y - lift) + ' Q' + nx + ',' + (Y - lift) + ' ' + nx + ',' + Y + '"/>' + arrowHead(nx, Y, c);
          }
        }
        if (seen.has(node)) break;
        seen.add(node);
        var b = st.blocks.get(node);
        if (!b || b[1] !== 1) break;
        prev = node;
        node = b[2];
      }
    }
    return out;
  }

  function renderLists() {
    var h = '';
    for (var k = 0; k < st.heads.length; k++) {
      var node = st.heads[k];
      if (node === NIL) continue;
      var items = [], seen = new Set(), n = 0, note = 'end';
      while (node !== NIL) {
        if (seen.has(node)) { note = node + ' again: the list is cyclic'; break; }
        seen.add(node);
        var b = st.blocks.get(node);
        if (!b || b[1] !== 1) { note = node + ' (not a free block: the list is broken)'; break; }
        if (n < 12) items.push(node);
        n++;
        node = b[2];
      }
      h += '<li class="freelist" data-order="' + k + '"><span style="color:' + colour(k) + '">order ' + k + ' (' + bytes(blockSize(k)) +
        ')</span>: ' + items.join(' &rarr; ') + (n > 12 ? ' &rarr; &hellip; (' + n + ' blocks)' : '') + ' &rarr; ' + esc(note) + '</li>';
    }
    $('lists').innerHTML = h || '<li id="nolists">every free list is empty</li>';
  }

  function renderTrace() {
    var from = Math.max(0, at - 8), to = Math.min(N, at + 9), h = '';
    for (var i = from; i < to; i++) {
      var s = steps[i];
      h += '<li value="' + (i + 1) + '" data-step="' + (i + 1) + '"' + (i === at ? ' class="cur"' : '') + '>' + esc(s.q) +
        ' &rArr; ' + esc(s.r) + ('i' in s && s.i !== s.r ? ' <b>(implementation: ' + esc(s.i) + ')</b>' : '') + '</li>';
    }
    $('trace').innerHTML = h;
  }

  function render() {
    var s = steps[at];
    $('slider').value = at + 1;
    $('slider').setAttribute('value', String(at + 1)); // also in the DOM, for tests and saved pages
    $('position').textContent = 'request ' + (at + 1) + ' of ' + N;
    renderRequest(s);
    var win = renderHeap(s);
    renderMemory(win);
    renderLists();
    renderImplHeap();
    renderTrace();
    try { history.replaceState(null, '', '#step=' + (at + 1)); } catch (e) { /* file: URLs may refuse */ }
  }

  // ---- controls ----

  $('banner').textContent = N + ' requests, profile ' + meta.profile +
    (meta.divergence ? ' \u2014 a divergence: the implementation\'s answer is shown where it differs' : '');
  if (meta.divergence) $('banner').className = 'divergence';
  (function origin() {
    var h = '';
    if (meta.implementation) h += '<p>implementation: <code id="origin-impl">' + esc(meta.implementation) + '</code></p>';
    h += '<p>profile <b id="origin-profile">' + esc(meta.profile) + '</b>' + (meta.seed !== null && meta.seed !== undefined ?
      ' &middot; seed <b id="origin-seed">' + esc(meta.seed) + '</b>' : '') + (meta.divergent_step ?
      ' &middot; diverges at <a href="#step=' + meta.divergent_step + '" id="origin-step">request ' + meta.divergent_step + '</a>' : '') + '</p>';
    Object.keys(meta.reproduce || {}).forEach(function (what) {
      h += '<p>' + esc(what) + ': <code class="reproduce">' + esc(meta.reproduce[what]) + '</code></p>';
    });
    $('origin').innerHTML = h;
    var link = $('origin-step');
    if (link) link.addEventListener('click', function (e) { e.preventDefault(); goTo(meta.divergent_step - 1); });
  })();
  $('slider').max = Math.max(1, N);
  $('slider').addEventListener('input', function () { goTo(Number(this.value) - 1); });
  $('prev').addEventListener('click', function () { goTo(at - 1); });
  $('next').addEventListener('click', function () { goTo(at + 1); });
  $('zoomin').addEventListener('click', function () { zoom = Math.min(ZOOM_COUNT.length - 1, zoomLevel() + 1); render(); });
  $('zoomout').addEventListener('click', function () { zoom = Math.max(0, zoomLevel() - 1); render(); });
  $('linear').addEventListener('change', render);
  $('trace').addEventListener('click', function (e) {
    var li = e.target.closest('li');
    if (li) goTo(Number(li.getAttribute('data-step')) - 1);
  });
  document.addEventListener('keydown', function (e) {
    var moves = { ArrowLeft: -1, ArrowRight: 1, PageUp: -100, PageDown: 100 };
    if (e.key in moves) goTo(at + moves[e.key]);
    else if (e.key === 'Home') goTo(0);
    else if (e.key === 'End') goTo(N - 1);
    else if (e.key === '+') $('zoomin').click();
    else if (e.key === '-') $('zoomout').click();
    else return;
    e.preventDefault();
  });

  if (N === 0) {
    $('request').innerHTML = '<p>the trace has no requests</p>';
  } else {
    var m = /step=(\d+)/.exec(location.hash);
    // no #step=N: a divergence page opens at the divergent request, any other at the first
    goTo(m ? Number(m[1]) - 1 : meta.divergent_step ? meta.divergent_step - 1 : 0);
  }
  document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
