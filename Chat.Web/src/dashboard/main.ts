import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import App from './App.vue';
import LoginView from './views/LoginView.vue';
import InboxView from './views/InboxView.vue';
import TeamView from './views/TeamView.vue';
import AgentsView from './views/AgentsView.vue';
import GroupsView from './views/GroupsView.vue';
import QueueView from './views/QueueView.vue';
import WebhooksView from './views/WebhooksView.vue';
import AuditView from './views/AuditView.vue';
import AdminLogView from './views/AdminLogView.vue';
import AccountView from './views/AccountView.vue';
import InviteView from './views/InviteView.vue';
import SettingsView from './views/SettingsView.vue';
import CannedResponsesView from './views/CannedResponsesView.vue';
import TagsView from './views/TagsView.vue';
import SearchView from './views/SearchView.vue';
import { can, renew, session } from './session';
import './styles.css';

const router = createRouter({
  history: createWebHistory('/app/'),
  routes: [
    { path: '/', redirect: '/inbox/mine' },
    { path: '/login', component: LoginView, meta: { public: true } },
    // The mailed invitation link: whoever holds it may open it, signed in or not.
    { path: '/invite', component: InviteView, meta: { public: true } },
    { path: '/inbox/:view(mine|unassigned|all)', component: InboxView },
    { path: '/inbox/:view(mine|unassigned|all)/:conversationId', component: InboxView },
    { path: '/team', component: TeamView, meta: { supervise: true } },
    { path: '/agents', component: AgentsView, meta: { supervise: true } },
    { path: '/groups', component: GroupsView, meta: { supervise: true } },
    { path: '/queue', component: QueueView, meta: { supervise: true } },
    { path: '/webhooks', component: WebhooksView, meta: { administer: true } },
    { path: '/settings', component: SettingsView, meta: { administer: true } },
    { path: '/canned-responses', component: CannedResponsesView, meta: { work: true } },
    { path: '/tags', component: TagsView, meta: { supervise: true } },
    // Loaded when first opened, so its chart library stays out of everyone else's first load.
    { path: '/reports', component: () => import('./views/ReportsView.vue'), meta: { supervise: true } },
    { path: '/audit', component: AuditView, meta: { audit: true } },
    { path: '/audit/:conversationId', component: AuditView, meta: { audit: true } },
    { path: '/admin-log', component: AdminLogView, meta: { adminLog: true } },
    { path: '/account', component: AccountView },
    { path: '/macros', component: () => import('./views/MacrosView.vue') },
    { path: '/search', component: SearchView },
    { path: '/:rest(.*)*', redirect: '/inbox/mine' },
  ],
});

// A reload keeps the session: the refresh cookie buys a new access token before the first page shows.
const restored = renew();
router.beforeEach(async (to) => {
  await restored;
  if (!to.meta.public && !session.me) return { path: '/login', query: { next: to.fullPath } };
  if (to.path === '/login' && session.me) return session.me.role === 'Auditor' ? '/audit' : '/inbox/mine';
  // The workspace requires a second factor: the account page, where it is enrolled, is the only one that works until then.
  if (session.me?.mustEnrol && !to.meta.public && to.path !== '/account') return '/account';
  // Pages a role may not use are not offered (and the API refuses their calls anyway).
  if (to.meta.supervise && !can.supervise(session.me)) return '/inbox/mine';
  if (to.meta.administer && !can.administer(session.me)) return '/inbox/mine';
  if (to.meta.work && !can.work(session.me)) return '/audit';
  if (to.meta.audit && !can.audit(session.me)) return '/inbox/mine';
  if (to.meta.adminLog && !can.readAdminLog(session.me)) return '/inbox/mine';
  return true;
});

createApp(App).use(router).mount('#app');
