// The ceiling: node:http answering a fixed JSON body, no routing, no validation, no database.
import { createServer } from 'node:http';

const body = JSON.stringify({
  id: 'thread_abc123',
  object: 'thread',
  createdAt: 1741476542,
  updatedAt: 1741476542,
  metadata: { category: 'support' },
  assistantId: 'asst_support_agent',
  organizationId: 'ORG_123',
  userId: 'uid_user123',
  title: 'Billing question',
  visibleInUi: true,
  messageCount: 1,
  status: 'inactive',
  isPinned: false,
  pinnedAt: null,
});
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
