import { Route, Routes } from 'react-router';
import { Layout, NotFound, RequireRole } from './components/layout';
import { HomePage } from './pages/home';
import { SignInPage } from './pages/sign-in';

/**
 * Every page and who may use it. Pages are added by their own modules under pages/;
 * the roles given here are the same ones the navigation uses (components/layout.tsx NAV).
 */
export function App() {
  return (
    <Layout>
      <Routes>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route
          path="/"
          element={
            <RequireRole roles="all">
              <HomePage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Layout>
  );
}
