import { escapeHtml, renderDigest, renderEmail } from './templates';

describe('e-mail templates', () => {
  const m = {
    title: 'Action due in 3 days: <b>PEP</b> audit',
    body: 'Owner said: "we\'ll finish" & <script>alert(1)</script>\nSecond line.\n\nNew paragraph.',
    link: '/actions/123',
  };

  it('say the same in plain text and HTML, with what people wrote escaped in the HTML', () => {
    const e = renderEmail(m, 'https://board.example.org', 'Riverside <Partnership>');
    expect(e.subject).toBe(m.title);
    expect(e.text).toContain('Owner said: "we\'ll finish" & <script>alert(1)</script>');
    expect(e.text).toContain('Open it: https://board.example.org/actions/123');
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(e.html).toContain('<h1 style="font-size:24px">Action due in 3 days: &lt;b&gt;PEP&lt;/b&gt; audit</h1>');
    expect(e.html).toContain('<br>Second line.');
    expect(e.html).toContain('<p style="margin:0 0 16px">New paragraph.</p>');
    expect(e.html).toContain('href="https://board.example.org/actions/123"');
    expect(e.html).toContain('Riverside &lt;Partnership&gt;');
    expect(e.html).toContain('lang="en-GB"');
  });

  it('a digest gathers every update into one message', () => {
    const d = renderDigest([m, { title: 'Report late', body: '', link: null }], 'WEEKLY', 'https://board.example.org', 'Riverside');
    expect(d.subject).toBe('Your weekly summary: 2 updates');
    expect(d.text).toContain('* Report late');
    expect(d.html.match(/<li /g)).toHaveLength(2);
    expect(d.html).not.toContain('<script>');
  });

  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
