import { DEFAULT_TEMPLATES, renderTemplate } from '../../src/domain/templates';

describe('e-mail templates', () => {
  const template = {
    id: 't',
    subject: 'Hello {{Name}}',
    body: 'Dear {{Name}},\n\nYour folder: {{Link}}\nBye',
  };

  it('fills placeholders in the plain text and escapes every value in the HTML part', () => {
    const mail = renderTemplate(template, {
      Name: '<script>alert(1)</script> & Siân',
      Link: 'https://x.example/?a=1&b=2',
    });
    expect(mail.subject).toBe('Hello <script>alert(1)</script> & Siân');
    expect(mail.text).toContain('Dear <script>alert(1)</script> & Siân,');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Siân');
    expect(mail.html).toContain('<p>Dear');
    expect(mail.html).toContain('<br>');
  });

  it('names an unknown placeholder and what the template can use', () => {
    expect(() =>
      renderTemplate({ ...template, body: '{{Nmae}}' }, { Name: 'x', Link: 'y' }),
    ).toThrow(
      /The "t" template uses \{\{Nmae\}\}, which is not a placeholder it can fill \(it can use \{\{Name\}\}, \{\{Link\}\}\): please correct it in the Templates tab\./,
    );
  });

  it('every built-in template lists the placeholders it uses', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const used = [...`${t.subject} ${t.body}`.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
      const listed = t.placeholders.split(/,\s*/);
      for (const name of used) expect(listed).toContain(name);
    }
  });

  it('makes web and e-mail addresses clickable in the HTML part, and nothing else', () => {
    const mail = renderTemplate(
      {
        id: 't',
        subject: 's',
        body: 'Folder: {{Link}}. Ask {{Email}}, or see (https://x.example/a).',
      },
      { Link: 'https://drive.example/f?a=1&b=2', Email: 'team@scheme.example' },
    );
    expect(mail.html).toContain(
      'Folder: <a href="https://drive.example/f?a=1&amp;b=2">https://drive.example/f?a=1&amp;b=2</a>. Ask <a href="mailto:team@scheme.example">team@scheme.example</a>, or see (<a href="https://x.example/a">https://x.example/a</a>).',
    );
    // Text that only looks like a link stays text, and a quote never ends the attribute.
    const odd = renderTemplate(
      { id: 't', subject: 's', body: '{{A}} {{B}}' },
      { A: 'javascript:alert(1)', B: '"https://evil.example/"onmouseover="alert(1)' },
    );
    expect(odd.html).not.toContain('href="javascript');
    expect(odd.html).toContain(
      '&quot;<a href="https://evil.example/">https://evil.example/</a>&quot;onmouseover=&quot;alert(1)',
    );
  });

  it('names the scheme and the cohort the way people say them', () => {
    const names = DEFAULT_TEMPLATES.flatMap((t) => t.placeholders.split(/,\s*/));
    const values: Record<string, string> = {
      ...Object.fromEntries(names.map((n) => [n, `[${n}]`])),
      Cohort: 'Demo cohort',
      Scheme: 'Libraries Connected Peer Mentoring Scheme',
    };
    const texts = DEFAULT_TEMPLATES.map((t) => renderTemplate(t, values).text);
    const accepted = texts[0];
    expect(accepted).toContain(
      'a place on the Libraries Connected Peer Mentoring Scheme (Demo cohort).',
    );
    for (const text of texts) {
      expect(text).not.toMatch(/in Demo cohort of|on Demo cohort/);
    }
    const intro = texts[DEFAULT_TEMPLATES.findIndex((t) => t.id === 'introduction')];
    expect(intro).toContain(
      'a mentoring pair on the Libraries Connected Peer Mentoring Scheme (Demo cohort):',
    );
    // The concern form is linked where it is named.
    expect(intro).toContain('use the concern form: [ConcernFormLink]');
  });
});
