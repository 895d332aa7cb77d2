/**
 * Spaces between words in the reference's search index. Redoc 3 indexes a
 * description's text by joining the text of its Markdown nodes with nothing
 * between them, so a line break inside a paragraph, or two table cells, run
 * their words together ("visibility\nsettings" is indexed, and shown in the
 * search's excerpts, as "visibilitysettings"; "| Host | https://… |" as
 * "Hosthttps://…"). build-docs has no option for it, so the build makes the
 * bundle's text extraction end each line break, paragraph, list item,
 * heading and table cell with a space (white space then collapsed), and
 * fails if it cannot find that function, so a Redoc upgrade cannot quietly
 * glue them again. `test/search-index.test.ts` reads the index in Chromium.
 */
const TEXT_OF_NODE =
  /(function \w+\((\w+)\)\{let (\w+)=\[\];function (\w+)\((\w+)\)\{if\(!\w+\(\5\)\)\{typeof \5\.attributes\?\.content==`string`&&\3\.push\(\5\.attributes\.content\);for\(let \w+ of \5\.children\?\?\[\]\)\4\(\w+\))(\}\}return \4\(\2\),\3\.join\(``\))(\})/g;

/** The Markdown node types whose text ends in a space. */
const SEPARATED = 'softbreak|hardbreak|paragraph|item|heading|td|th|tr|blockquote';

export function spaceIndexedText(code: string): string {
  const found = code.match(TEXT_OF_NODE)?.length ?? 0;
  if (found !== 1)
    throw new Error(
      `Expected the Redoc bundle to extract a Markdown node's text in one place, found ${found}; check the Redoc version`,
    );
  return code.replace(TEXT_OF_NODE, `$1;/^(${SEPARATED})$/.test($5.type)&&$3.push(\` \`)$6.replace(/\\s+/g,\` \`)$7`);
}

/** The bundle as Redoc ships it: what the test feeds a hard-wrapped description to, to see it glued. */
export function unspacedIndexedText(code: string): string {
  const spaced = new RegExp(
    `;/\\^\\(${SEPARATED.replaceAll('|', '\\|')}\\)\\$/\\.test\\(\\w+\\.type\\)&&\\w+\\.push\\(\` \`\\)|\\.replace\\(/\\\\s\\+/g,\` \`\\)(?=\\})`,
    'g',
  );
  const restored = code.replace(spaced, '');
  if (restored === code) throw new Error('Expected the spaced search-text extraction in the page');
  return restored;
}
