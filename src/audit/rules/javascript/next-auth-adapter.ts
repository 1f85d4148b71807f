import { callRule } from '../../js/kit.js';

export default callRule({
  id: 'js.next-auth.adapter',
  category: 'user-model',
  confidence: 'high',
  message: 'NextAuth database adapter: users, accounts and sessions live in the adapter tables; export users from them',
  keywords: ['adapter', 'Adapter'],
  calls: [{ module: /^@(?:auth|next-auth)\/[\w-]+-adapter$/ }],
});
