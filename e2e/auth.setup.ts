import { test as setup } from "@playwright/test";
import { authFile, DEMO_ACCOUNTS, DEMO_PASSWORD, signInWithApi } from "./helpers";

// A signed-in state per demo role, made through the API rather than the form.
for (const account of DEMO_ACCOUNTS) {
  setup(`sign in ${account.username}`, async ({ request }) => {
    await signInWithApi(request, account.username, DEMO_PASSWORD);
    await request.storageState({ path: authFile(account.username) });
  });
}
