import type { Page } from 'playwright-core';
import type { UserRole } from '../../../src/access/domain/user.events.js';
import type { TestApp } from '../../support/test-app.js';

/**
 * A person who signs in with a name and password: an account the ADMIN made (registerUser) and gave
 * an initial password (setInitialPassword), changed at the first sign-in to `password`.
 */
export interface Person {
  role: UserRole;
  loginName: string;
  password: string;
  initialPassword: string;
  userId: string;
}

export async function createPerson(app: TestApp, role: UserRole, name: string, loginName: string, unitId?: string): Promise<Person> {
  const admin = await app.as('ADMIN');
  const registered = await app.graphql(
    `mutation($input: RegisterUserInput!) { registerUser(input: $input) { user { id } } }`,
    { input: { name, role, unitId, idempotencyKey: `register-${loginName}` } },
    admin,
  );
  if (registered.errors) throw new Error(`registerUser: ${JSON.stringify(registered.errors)}`);
  const userId: string = registered.data!.registerUser.user.id;
  const initialPassword = `初始-${loginName}-2026`;
  const answer = await app.graphql(
    `mutation($input: SetInitialPasswordInput!) { setInitialPassword(input: $input) { id } }`,
    { input: { userId, loginName, password: initialPassword, idempotencyKey: `password-${loginName}` } },
    admin,
  );
  if (answer.errors) throw new Error(`setInitialPassword: ${JSON.stringify(answer.errors)}`);
  return { role, loginName, password: `新密码-${loginName}-2026`, initialPassword, userId };
}

/** Signs in through the sign-in page; at the first sign-in, changes the initial password as the app demands. */
export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('登录名').fill(person.loginName);
  await page.getByLabel('密码', { exact: true }).fill(person.initialPassword);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (new URL(page.url()).pathname === '/change-password') {
    await page.getByLabel('当前密码').fill(person.initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill(person.password);
    await page.getByLabel('再次输入新密码').fill(person.password);
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL((url) => url.pathname !== '/change-password');
    person.initialPassword = person.password;
  }
}
