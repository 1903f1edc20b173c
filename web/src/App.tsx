import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { useLang } from './i18n';
import { ErrorResult } from './components/ErrorResult';
import { FullPageSpin, RequireAuth } from './components/RequireAuth';
import { ApiError } from './api/client';

// the signed-in frame (menu, icons, drawer) is not loaded by the portal and the public pages
const AppLayout = lazy(() => import('./components/AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const TodoPage = lazy(() => import('./pages/TodoPage'));
const MeasuresPage = lazy(() => import('./pages/MeasuresPage'));
const RegionsPage = lazy(() => import('./pages/RegionsPage'));
const HouseholdListPage = lazy(() => import('./pages/HouseholdListPage'));
const HouseholdPage = lazy(() => import('./pages/HouseholdPage'));
const RegisterHouseholdPage = lazy(() => import('./pages/RegisterHouseholdPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const MatchingPage = lazy(() => import('./pages/MatchingPage'));
const DuplicatesPage = lazy(() => import('./pages/DuplicatesPage'));
const QualityPage = lazy(() => import('./pages/QualityPage'));
const FactConfirmationPage = lazy(() => import('./pages/FactConfirmationPage'));
const PolicyPage = lazy(() => import('./pages/PolicyPage'));
const SettingsPage = lazy(() => import('./pages/SettingsPage'));
const PolicyLibraryPage = lazy(() => import('./pages/PolicyLibraryPage'));
const PracticeLibraryPage = lazy(() => import('./pages/PracticeLibraryPage'));
const OutcomesPage = lazy(() => import('./pages/OutcomesPage'));
const EffortPage = lazy(() => import('./pages/EffortPage'));
const CaseListPage = lazy(() => import('./pages/CaseListPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const NoticePrintPage = lazy(() => import('./pages/NoticePrintPage'));
const BatchNoticePrintPage = lazy(() => import('./pages/BatchNoticePrintPage'));
const PlanGapsPage = lazy(() => import('./pages/PlanGapsPage'));
const PlanListPage = lazy(() => import('./pages/PlanListPage'));
const HouseholdCardPage = lazy(() => import('./pages/HouseholdCardPage'));
const WorklistPage = lazy(() => import('./pages/WorklistPage'));
const OrgRegisterPage = lazy(() => import('./pages/OrgRegisterPage'));
const OrgPortalPage = lazy(() => import('./pages/OrgPortalPage'));
const ParticipationPage = lazy(() => import('./pages/ParticipationPage'));
const MyHouseholdsPage = lazy(() => import('./pages/MyHouseholdsPage'));
const OfflinePage = lazy(() => import('./pages/OfflinePage'));
const ResponsibilityPage = lazy(() => import('./pages/ResponsibilityPage'));
const WarningsPage = lazy(() => import('./pages/WarningsPage'));
const ScreeningPage = lazy(() => import('./pages/ScreeningPage'));
const EvaluationPage = lazy(() => import('./pages/EvaluationPage'));
const BurdenPage = lazy(() => import('./pages/BurdenPage'));
const ReportPrintPage = lazy(() => import('./pages/ReportPrintPage'));
const PairsPage = lazy(() => import('./pages/PairsPage'));
const TargetsPage = lazy(() => import('./pages/TargetsPage'));
const ProjectsPage = lazy(() => import('./pages/ProjectsPage'));
const ProjectPage = lazy(() => import('./pages/ProjectPage'));
const PortalLoginPage = lazy(() => import('./pages/PortalLoginPage'));
const PortalHomePage = lazy(() => import('./pages/PortalHomePage'));
const PortalEffortPage = lazy(() => import('./pages/PortalEffortPage'));
const PublicGrievancePage = lazy(() => import('./pages/PublicGrievancePage'));
const GrievancesPage = lazy(() => import('./pages/GrievancesPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const SafetyNetPage = lazy(() => import('./pages/safety-net/SafetyNetPage'));
const RollEntryPage = lazy(() => import('./pages/safety-net/RollEntryPage'));
const LinkageBoardPage = lazy(() => import('./pages/safety-net/LinkageBoardPage'));
const RollNoticePrintPage = lazy(() => import('./pages/safety-net/RollNoticePrintPage'));

const notFound = new ApiError(404, 'E_NOT_FOUND', 'Not found');

/**
 * Routes:
 *   /login                 sign in
 *   /dashboard?region&year key figures and charts for a region
 *   /regions?parent        the region tree, one level at a time
 *   /households?region&status&type&cause&q&sort&order&page&pageSize
 *   /households/:id        one household
 *   /audit?entityType&action&page&pageSize
 *   /import?job            upload a registry file; the job's progress, summary and errors
 *   /matching?tab&region&status&kind&matchType&listId&page&pageSize
 *   /duplicates?kind&region&unmask&page
 *   /quality?region&check&page   data-quality checks: catalogue, counts by region, drill-down
 *   /policy?region&date    effective policy parameters, their provenance and history
 *   /cases?kind&state&overdue&open&region&page   case lists
 *   /cases/:id             one case: timeline, next steps, notice
 *   /cases/:id/notice      the printable public notice (no app frame; /notices/:id redirects here)
 *   /plans?region&year&status&cause&measureType&overdue&page   every household's plan (一户一策 list)
 *   /plans/gaps?region&year&problem&page   household plans that do not answer the causes (gap list)
 *   /households/:id/card?year, /villages/:code/cards?year   printable household cards 明白卡 (no app frame)
 *   /worklists?rule&decision&open&region&page     worklists of the latest batch evaluation
 *   /org/register          public: an organisation registers (no sign-in)
 *   /portal/login, /portal the household portal (own session, no admin menu, phone first)
 *   /portal/effort         the household's commitments, progress it reports, points and points shop
 *   /grievance?county&code public: file a grievance (anonymous allowed), follow it by tracking code
 *   /grievances?state&overdue&escalated&page   officers: grievances routed to their townships
 *   /org?tab&kind          the organisation's portal: needs board, pledges, products, orders
 *   /participation?tab     officers: organisations, needs, products and orders, matching statistics
 *   /pairs?region          paired assistance: committed vs delivered
 *   /targets?region&year   targets split down the levels, progress from the registry, quality signals
 *   /projects?region&filter=idle|bonsai   the project library;  /projects/:id  one project
 *   /evaluation?sample&stratum&status&page        third-party evaluation samples, checks, estimates
 *   /burden?region&year    the burden meter, standard reports, data requests and inspections
 *   /reports/:kind/print?region&year              a standard report's print view (no app frame)
 *   /users                 admins and county officers: accounts of their scope
 *   /change-password       set one's own password (forced after a reset or for a new account)
 *   /safety-net?tab=reviews|rolls|temporary|payments   civil affairs: the safety net's desk
 *   /safety-net/rolls/:id  one dibao / 特困 roll entry: computation, decisions, review form
 *   /notices/batch?region&kind                       a village's or township's batch notice of a round (print)
 *   /safety-net/notice?region&programme&month         a village's dibao / 特困 roll notice (print, no app frame)
 *   /linkage?region&nearFactor&indicator&at            the linkage board 保障与开发衔接 and its drill-down
 */
export function App() {
  const lang = useLang();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <AntApp>
        <BrowserRouter>
          <Suspense fallback={<FullPageSpin />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/portal/login" element={<PortalLoginPage />} />
              <Route path="/portal" element={<PortalHomePage />} />
              <Route path="/portal/effort" element={<PortalEffortPage />} />
              <Route path="/grievance" element={<PublicGrievancePage />} />
              <Route path="/org/register" element={<OrgRegisterPage />} />
              <Route path="/change-password" element={<ChangePasswordPage />} />
              <Route element={<RequireAuth />}>
                <Route path="cases/:id/notice" element={<NoticePrintPage />} />
                <Route path="notices/batch" element={<BatchNoticePrintPage />} />
                <Route path="reports/:kind/print" element={<ReportPrintPage />} />
                <Route path="safety-net/notice" element={<RollNoticePrintPage />} />
                <Route path="households/:id/card" element={<HouseholdCardPage kind="household" />} />
                <Route path="villages/:code/cards" element={<HouseholdCardPage kind="village" />} />
                <Route element={<AppLayout />}>
                  <Route index element={<Navigate to="/todo" replace />} />
                  <Route path="todo" element={<TodoPage />} />
                  <Route path="dashboard" element={<DashboardPage />} />
                  <Route path="measures" element={<MeasuresPage />} />
                  <Route path="regions" element={<RegionsPage />} />
                  <Route path="households" element={<HouseholdListPage />} />
                  <Route path="households/:id" element={<HouseholdPage />} />
                  <Route path="register" element={<RegisterHouseholdPage />} />
                  <Route path="audit" element={<AuditPage />} />
                  <Route path="import" element={<ImportPage />} />
                  <Route path="matching" element={<MatchingPage />} />
                  <Route path="duplicates" element={<DuplicatesPage />} />
                  <Route path="quality" element={<QualityPage />} />
                  <Route path="facts" element={<FactConfirmationPage />} />
                  <Route path="policy" element={<PolicyPage />} />
                  <Route path="settings" element={<SettingsPage />} />
                  <Route path="knowledge" element={<PolicyLibraryPage />} />
                  <Route path="practices" element={<PracticeLibraryPage />} />
                  <Route path="outcomes" element={<OutcomesPage />} />
                  <Route path="effort" element={<EffortPage />} />
                  <Route path="cases" element={<CaseListPage />} />
                  <Route path="cases/:id" element={<CasePage />} />
                  <Route path="worklists" element={<WorklistPage />} />
                  <Route path="org" element={<OrgPortalPage />} />
                  <Route path="participation" element={<ParticipationPage />} />
                  <Route path="grievances" element={<GrievancesPage />} />
                  <Route path="my-households" element={<MyHouseholdsPage />} />
                  <Route path="field" element={<OfflinePage />} />
                  <Route path="responsibility" element={<ResponsibilityPage />} />
                  <Route path="pairs" element={<PairsPage />} />
                  <Route path="targets" element={<TargetsPage />} />
                  <Route path="projects" element={<ProjectsPage />} />
                  <Route path="plans" element={<PlanListPage />} />
                  <Route path="plans/gaps" element={<PlanGapsPage />} />
                  <Route path="projects/:id" element={<ProjectPage />} />
                  <Route path="warnings" element={<WarningsPage />} />
                  <Route path="warnings/screen" element={<ScreeningPage />} />
                  <Route path="evaluation" element={<EvaluationPage />} />
                  <Route path="burden" element={<BurdenPage />} />
                  <Route path="users" element={<UsersPage />} />
                  <Route path="safety-net" element={<SafetyNetPage />} />
                  <Route path="safety-net/rolls/:id" element={<RollEntryPage />} />
                  <Route path="linkage" element={<LinkageBoardPage />} />
                  <Route path="*" element={<ErrorResult error={notFound} />} />
                </Route>
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
