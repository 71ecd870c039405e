import { useState } from 'preact/hooks';
import { login } from '../api/endpoints';
import { ApiError } from '../api/http';
import { startSession } from '../stores/session';

export function LoginScreen({ notice }: { notice: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    if (!username.trim()) return setError('请输入用户名');
    if (!password) return setError('请输入密码');

    setSubmitting(true);
    setError(null);
    try {
      const { token, user } = await login(username.trim(), password);
      startSession(token, user);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.userMessage : '登录失败，请重试');
      setSubmitting(false);
    }
  };

  return (
    <main class="login-screen">
      <form class="login-card" onSubmit={submit} aria-label="登录" noValidate>
        <h1 class="login-title">民权县12345企业服务热线</h1>
        <p class="login-subtitle">坐席工作台</p>
        {notice && !error && (
          <p class="notice notice-info" role="status">
            {notice}
          </p>
        )}
        <label class="field-label" for="login-username">
          用户名
        </label>
        <input
          id="login-username"
          class="input"
          autocomplete="username"
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label class="field-label" for="login-password">
          密码
        </label>
        <input
          id="login-password"
          class="input"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error && (
          <p class="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button class="button button-primary button-block" type="submit" disabled={submitting}>
          {submitting ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}
