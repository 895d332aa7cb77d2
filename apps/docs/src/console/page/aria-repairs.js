// Repairs to the markup Scalar's API client (@scalar/api-client 3.23) renders:
// each is a fault axe-core reports under WCAG 2.1 A/AA that no Scalar setting
// changes and its colours cannot fix. They touch the page's elements once
// Scalar has rendered them, never Scalar's bundle, and each stays only while
// needed: the console test audits the page without this file and expects
// exactly these rules to fail. Delete one when a Scalar upgrade fixes it.

/** [the elements a fault is on, the repair] */
const REPAIRS = [
  [
    // aria-prohibited-attr: a popover's "More Information" button says role="none", which strips the name it has.
    'button[role="none"]',
    (button) => button.removeAttribute('role'),
  ],
  [
    // aria-required-attr: a key/value field is a combobox with no aria-expanded nor a popup it controls;
    // what it is, is a text field with suggestions (aria-autocomplete="list" stays).
    '.code-input-lite__editor[role="combobox"]:not([aria-expanded])',
    (field) => field.setAttribute('role', 'textbox'),
  ],
  [
    // aria-input-field-name: the request and response bodies are textboxes with no name.
    '.cm-content[role="textbox"]:not([aria-label]):not([aria-labelledby])',
    (content) => {
      const section = content.closest('section[aria-label]')?.getAttribute('aria-label');
      content.setAttribute('aria-label', section ? `${section} body` : 'Code');
      if (content.getAttribute('contenteditable') === 'false') content.setAttribute('aria-readonly', 'true');
    },
  ],
  [
    // scrollable-region-focusable: a code view that scrolls (a long response body, a wide request
    // body on a phone) has nothing axe counts as focusable, so a keyboard may not scroll it.
    '.cm-scroller[tabindex="-1"]',
    (scroller) => scroller.setAttribute('tabindex', '0'),
  ],
  [
    // aria-valid-attr-value: a copy button controls an element id that is not in the page.
    '[aria-controls]',
    (control) => {
      if (!document.getElementById(control.getAttribute('aria-controls'))) control.removeAttribute('aria-controls');
    },
  ],
];

function repairAll() {
  for (const [selector, repair] of REPAIRS) for (const element of document.querySelectorAll(selector)) repair(element);
}

// Mutation callbacks run before the next task, so no one (a reader, an audit) sees an unrepaired render.
new MutationObserver(repairAll).observe(document.documentElement, {
  subtree: true,
  childList: true,
  attributes: true,
  attributeFilter: ['role', 'aria-controls', 'tabindex', 'aria-label'],
});
repairAll();
