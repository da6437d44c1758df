export { buildSystemViewSchema } from './system-view/system-view.schema';
