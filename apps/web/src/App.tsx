import { Route, Routes } from 'react-router';
import { Layout, NotFound, RequireRole } from './components/layout';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { boardRoutes } from './routes/board';
import { workPlanRoutes } from './routes/workplans';
import { evidenceRoutes } from './routes/evidence';
import { meetingRoutes } from './routes/meetings';
import { searchRoutes } from './routes/search';
import { commitmentRoutes } from './routes/commitments';
import { localOfferRoutes } from './routes/local-offer';
import { scorecardRoutes } from './routes/scorecard';
import { principleRoutes } from './routes/principles';
import { voiceRoutes } from './routes/voice';
import { notificationRoutes } from './routes/notifications';
import { packRoutes } from './routes/packs';

const ROUTES = [
  ...accountRoutes,
  ...adminRoutes,
  ...boardRoutes,
  ...workPlanRoutes,
  ...evidenceRoutes,
  ...meetingRoutes,
  ...searchRoutes,
  ...commitmentRoutes,
  ...localOfferRoutes,
  ...scorecardRoutes,
  ...principleRoutes,
  ...voiceRoutes,
  ...notificationRoutes,
  ...packRoutes,
];

/** Every page and who may use it; the navigation (components/layout.tsx NAV) uses the same roles. */
export function App() {
  return (
    <Layout>
      <Routes>
        {ROUTES.map((r) => (
          <Route
            key={r.path}
            path={r.path}
            element={r.roles === 'public' ? r.element : <RequireRole roles={r.roles}>{r.element}</RequireRole>}
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
