/**
 * The names the console's build and its page agree on: the extensions the
 * build writes into the console's document (`document.ts`) and the name it
 * files the document under in Scalar's workspace (`workspace.ts`), which the
 * page (`page/console.ts`) reads. Constants alone, importing nothing, so the
 * page's bundle and the workspace's plain-Node child can both load them.
 */

/**
 * On an operation of the console's document: the headers page/console.ts fills
 * with a fresh UUID when the reader leaves them empty.
 */
export const FRESH_HEADERS_EXTENSION = 'x-freddy-fresh-headers';
/** On each operation of the console's document: its route in the console, its link to the reference. */
export const CONSOLE_LINKS_EXTENSION = 'x-freddy-console';
/** On the console's document: the route of the operation it opens when the address names none (the contract's first). */
export const CONSOLE_START_EXTENSION = 'x-freddy-console-start';
/** The console's document's name in Scalar's workspace store. */
export const WORKSPACE_DOCUMENT = 'freddy';
