import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/latin-400.css';
import './fonts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { storedToken } from '../api';

/**
 * The bundled GraphiQL: same origin, no CDN, no telemetry. The tab's sign-in token (sessionStorage,
 * shared with the app in the same tab) goes into the Authorization header of every request and into
 * graphql-ws connectionParams for subscriptions.
 */
const token = storedToken();
const authorization = token ? `Bearer ${token}` : '';
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: wsUrl,
  headers: authorization ? { authorization } : {},
  wsConnectionParams: authorization ? { authorization } : {},
});

// Chinese first for office staff who open 接口调试, English for the scripts' authors (newcomer40 P8).
const defaultQuery = `# 整改台账 GraphQL 接口调试：${token ? '以本标签页已登录的用户身份查询' : '尚未登录，请先在首页登录'}。按 Ctrl+Enter 运行。
# Signed in as this tab's user${token ? '' : ' — nobody: sign in at / first'}.
{
  me { name role unitName }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultHeaders={authorization ? JSON.stringify({ authorization }, null, 2) : undefined} shouldPersistHeaders={false} />
  </StrictMode>,
);
