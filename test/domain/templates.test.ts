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
});
