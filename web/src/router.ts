import { setPageTitle } from './page-title';
import { ref } from 'vue';
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { homeOf, nextPage, restoreSession, session, type Role } from './session';
import { closeDialogOnBack } from './drafts';
import { takeAsOf } from './state';
import SignIn from './pages/SignIn.vue';

/** Who may read the workflow's views (the API's WORKFLOW_READERS; ADMIN manages accounts and imports). */
const READERS: Role[] = ['SUPERVISOR', 'INSPECTOR', 'UNIT'];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => (session.user ? homeOf(session.user.role) : '/sign-in') },
  { path: '/sign-in', component: SignIn, meta: { public: true, title: '登录' } },
  { path: '/change-password', component: () => import('./pages/ChangePassword.vue'), meta: { title: '修改密码' } },
  { path: '/overview', component: () => import('./pages/Overview.vue'), meta: { roles: READERS, title: '总览' } },
  { path: '/work-plan', component: () => import('./pages/WorkPlan.vue'), meta: { roles: READERS, title: '工作方案分解' } },
  { path: '/findings', component: () => import('./pages/Findings.vue'), meta: { roles: READERS, title: '问题清单' } },
  { path: '/findings/:id', component: () => import('./pages/FindingPage.vue'), meta: { roles: READERS, title: '问题详情' } },
  { path: '/items/:id', component: () => import('./pages/ItemPage.vue'), meta: { roles: READERS, title: '事项详情' } },
  // Who may rank the units is the API's rule (unitScorecard: SUPERVISOR, INSPECTOR): a unit opening it by URL is sent home like any page not for its role.
  { path: '/scorecard', component: () => import('./pages/Scorecard.vue'), meta: { roles: ['SUPERVISOR', 'INSPECTOR'], title: '单位排名' } },
  { path: '/circulars', component: () => import('./pages/Circulars.vue'), meta: { roles: READERS, title: '通报' } },
  // 单位名录 and each unit's page (newcomer37 S7, S8): the directory for whoever reads units; a unit's own work for supervisors and inspectors (unitWorkload of any unit).
  { path: '/units', component: () => import('./pages/Units.vue'), meta: { roles: ['SUPERVISOR', 'INSPECTOR', 'ADMIN'], title: '单位名录', noAsOf: true } },
  { path: '/units/:id', component: () => import('./pages/UnitPage.vue'), meta: { roles: ['SUPERVISOR', 'INSPECTOR'], title: '单位情况' } },
  { path: '/users', component: () => import('./pages/Users.vue'), meta: { roles: ['ADMIN'], title: '用户管理', noAsOf: true } },
  { path: '/ledger', component: () => import('./pages/Ledger.vue'), meta: { roles: ['SUPERVISOR', 'ADMIN'], title: '台账校验码', noAsOf: true } },
  { path: '/imports', component: () => import('./pages/Imports.vue'), meta: { roles: ['SUPERVISOR', 'ADMIN'], title: '导入', noAsOf: true } },
  { path: '/workload', component: () => import('./pages/Workload.vue'), meta: { roles: ['UNIT'], title: '我的任务' } },
  { path: '/inspections', component: () => import('./pages/Inspections.vue'), meta: { roles: ['INSPECTOR', 'SUPERVISOR'], title: '待督查' } },
  // Who decides extensions is the API's rule (decideExtension, extensionsAwaitingDecision: SUPERVISOR).
  { path: '/extensions', component: () => import('./pages/ExtensionRequests.vue'), meta: { roles: ['SUPERVISOR'], title: '待审批延期' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  // Back with a dialog open closes the dialog, its text kept (breaker11b M10).
  if (closeDialogOnBack()) return false;
  const user = await restoreSession();
  if (to.meta.public) return user && to.path === '/sign-in' ? nextPage(to.query.next) ?? homeOf(user.role) : true;
  if (!user) return { path: '/sign-in', query: { ...(to.fullPath !== '/' ? { next: to.fullPath } : {}), ...(session.endedBecause ? { expired: '1' } : {}) } };
  if (user.mustChangePassword && to.path !== '/change-password') return '/change-password';
  const roles = to.meta.roles as Role[] | undefined;
  if (roles && !roles.includes(user.role)) return homeOf(user.role);
  return true;
});

router.afterEach((to) => {
  takeAsOf(typeof to.query.asOf === 'string' ? to.query.asOf : '', typeof to.query.recorded === 'string' ? to.query.recorded : '');
  setPageTitle((to.meta.title as string) ?? '');
});

/**
 * Why the last click on a link led nowhere: a page's code could not be fetched (offline, the
 * server restarting — breaker11 F12), said in Chinese above the page instead of nothing happening.
 * '' once a navigation succeeds.
 */
export const navigationFailure = ref('');

router.onError((_error, to) => {
  const title = (to.meta.title as string | undefined) ?? '该页面';
  navigationFailure.value = `无法打开“${title}”：无法连接服务器，请检查网络后重试。`;
});
router.afterEach((_to, _from, failure) => {
  if (!failure) navigationFailure.value = '';
});
