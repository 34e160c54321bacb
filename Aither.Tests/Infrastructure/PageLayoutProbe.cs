namespace Aither.Tests.Infrastructure;

/// <summary>
/// Measures, in the browser, the layout facts a reader notices: sideways scrolling, header cells running into
/// each other, text spilling out of its cell, words broken although they fit (or boxes so narrow that every
/// word breaks) and the smallest font in use. Only visible text counts.
/// </summary>
public static class PageLayoutProbe
{
    /// <summary>A box narrower than this many em cannot hold an ordinary word; text in it breaks letter by letter.</summary>
    public const double MinimumBoxEm = 6;

    public static PageLayout Measure(ChromiumBrowser browser) => browser.ScriptJson<PageLayout>(Script, MinimumBoxEm);

    private const string Script = """
        const minBoxEm = arguments[0];
        const canvas = document.createElement('canvas').getContext('2d');
        const visible = el => { const r = el.getClientRects(); return r.length > 0 && getComputedStyle(el).visibility !== 'hidden'; };
        const describe = el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' "' + el.textContent.trim().slice(0, 40) + '"';
        const contentWidth = el => {
          const cs = getComputedStyle(el);
          return el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        };
        const blockOf = el => {
          for (let e = el; e && e !== document.body; e = e.parentElement) {
            const d = getComputedStyle(e).display;
            if (d !== 'inline' && d !== 'contents') return e;
          }
          return document.body;
        };
        const naturalWidth = (word, el) => {
          const cs = getComputedStyle(el);
          canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          return canvas.measureText(word).width;
        };
        const result = {
          innerWidth: window.innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          minFontPx: 1e9, minFontAt: '',
          overlappingHeaders: [], spillingCells: [], narrowBoxes: [], brokenWords: [], brokenHeadingWords: [],
          participantRowDisplay: null, cardLabels: [], textNodes: 0,
        };
        const noteFont = (px, where) => { if (px < result.minFontPx) { result.minFontPx = px; result.minFontAt = where; } };

        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent;
          const el = node.parentElement;
          if (!text.trim() || !visible(el)) continue;
          result.textNodes++;
          const fontPx = parseFloat(getComputedStyle(el).fontSize);
          noteFont(fontPx, describe(el));
          const box = blockOf(el);
          const boxWidth = contentWidth(box);
          if (boxWidth < minBoxEm * fontPx) {
            result.narrowBoxes.push(`${describe(box)}: ${boxWidth.toFixed(0)}px for ${fontPx}px text`);
          }
          const heading = el.closest('h1, h2, h3, th, caption') !== null;
          // A hyphen is a break opportunity, so "Großmann-Schwarzenberger" counts as two words.
          const words = /[^\s-]+-*/g;
          for (let m = words.exec(text); m; m = words.exec(text)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (lines.size <= 1) continue;
            const width = naturalWidth(m[0], el);
            if (heading) result.brokenHeadingWords.push(`${describe(el)}: "${m[0]}"`);
            // Canvas and layout widths differ by a pixel or two; only a word that clearly fits counts.
            else if (width < boxWidth - 2) result.brokenWords.push(`${describe(el)}: "${m[0]}" (${width.toFixed(0)}px) broken in a ${boxWidth.toFixed(0)}px box`);
          }
        }

        const cells = Array.from(document.querySelectorAll('th, td')).filter(visible);
        for (const cell of cells) {
          if (cell.scrollWidth > cell.clientWidth + 1) result.spillingCells.push(`${describe(cell)}: ${cell.scrollWidth}px content in ${cell.clientWidth}px`);
          const before = getComputedStyle(cell, '::before');
          if (before.content && before.content !== 'none' && before.content !== 'normal') noteFont(parseFloat(before.fontSize), describe(cell) + '::before');
        }

        const headers = Array.from(document.querySelectorAll('th')).filter(visible);
        const textRect = el => { const r = document.createRange(); r.selectNodeContents(el); return r.getBoundingClientRect(); };
        for (let i = 0; i < headers.length; i++) {
          const a = headers[i].getBoundingClientRect(), ta = textRect(headers[i]);
          if (ta.left < a.left - 1 || ta.right > a.right + 1) result.overlappingHeaders.push(`${describe(headers[i])}: text outside its cell`);
          for (let j = i + 1; j < headers.length; j++) {
            const b = headers[j].getBoundingClientRect(), tb = textRect(headers[j]);
            const overlap = (p, q) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1;
            if (overlap(a, b) || overlap(ta, tb)) result.overlappingHeaders.push(`${describe(headers[i])} / ${describe(headers[j])}`);
          }
        }

        const row = document.querySelector('table.participants tbody tr');
        if (row) {
          result.participantRowDisplay = getComputedStyle(row).display;
          result.cardLabels = Array.from(row.children).map(td => getComputedStyle(td, '::before').content);
        }
        return JSON.stringify(result);
        """;
}
