import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { homeOf, restoreSession, session, type Role } from './session';
import { asOf } from './state';
import SignIn from './pages/SignIn.vue';

const READERS: Role[] = ['SUPERVISOR', 'ADMIN', 'INSPECTOR', 'UNIT'];

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => (session.user ? homeOf(session.user.role) : '/sign-in') },
  { path: '/sign-in', component: SignIn, meta: { public: true, title: '登录' } },
  { path: '/change-password', component: () => import('./pages/ChangePassword.vue'), meta: { title: '修改密码' } },
  { path: '/overview', component: () => import('./pages/Overview.vue'), meta: { roles: READERS, title: '总览' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach(async (to) => {
  const user = await restoreSession();
  if (to.meta.public) return user && to.path === '/sign-in' ? homeOf(user.role) : true;
  if (!user) return { path: '/sign-in', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (user.mustChangePassword && to.path !== '/change-password') return '/change-password';
  const roles = to.meta.roles as Role[] | undefined;
  if (roles && !roles.includes(user.role)) return homeOf(user.role);
  return true;
});

router.afterEach((to) => {
  asOf.value = typeof to.query.asOf === 'string' ? to.query.asOf : '';
  document.title = `${(to.meta.title as string) ?? ''} · 整改台账`;
});
