// The bundled Chinese font (Noto Sans SC regular, simplified Chinese + Latin, 1.1 MB woff2, cached for a
// year): fetched from this server only on a machine without a Chinese system font (see theme.css).
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/latin-400.css';
import 'element-plus/dist/index.css';
import './theme.css';
import {
  ElAlert, ElButton, ElCard, ElCheckbox, ElCheckTag, ElCol, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElEmpty, ElForm, ElFormItem, ElInput, ElLink, ElLoading, ElOption, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup,
  ElRow, ElSelect, ElSelectV2, ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
} from 'element-plus';
import { createApp } from 'vue';
import App from './App.vue';
import { vPhoneRows } from './narrow';
import { router } from './router';

const app = createApp(App);
// Components are registered one by one (not app.use(ElementPlus)) so the bundle holds only these.
for (const component of [
  ElAlert, ElButton, ElCard, ElCheckbox, ElCheckTag, ElCol, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElEmpty, ElForm, ElFormItem, ElInput, ElLink, ElOption, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup,
  ElRow, ElSelect, ElSelectV2, ElTabPane, ElTable, ElTableColumn, ElTabs, ElTag, ElTimeline, ElTimelineItem,
]) {
  app.component(component.name!, component);
}
app.directive('phone-rows', vPhoneRows);
app.use(ElLoading);
app.use(router);
app.mount('#app');
