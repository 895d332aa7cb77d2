/** The tools the issue names, in the contract's order: written out, so that a change of naming rule shows. */
export const TOOL_NAMES = [
  'list_threads',
  'create_thread',
  'retrieve_thread',
  'update_thread',
  'delete_thread',
  'update_thread_metadata',
  'pin_thread',
  'unpin_thread',
];
