import { routeRule } from '../../text/kit.js';

export default routeRule({
  id: 'go.route.auth-path',
  ecosystem: 'go',
  keywords: ['HandleFunc', 'Handle(', '.GET(', '.POST(', '.Get(', '.Post(', '.Group('],
  pattern: /\b(?:HandleFunc|Handle|GET|POST|PUT|PATCH|DELETE|Get|Post|Put|Patch|Delete|Any)\s*\(\s*"(?:(?:GET|POST|PUT|DELETE)\s+)?([^"]+)"/,
});
