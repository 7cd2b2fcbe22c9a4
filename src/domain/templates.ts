import { UserError } from './errors';
import { EVALUATION_TEMPLATES } from './evaluation/templates';

/** An e-mail as staff write it in the Templates tab: plain text with {{Placeholders}}. */
export interface Template {
  id: string;
  subject: string;
  body: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export const DEFAULT_TEMPLATES: readonly (Template & { placeholders: string })[] = [
  {
    id: 'accepted-mentor',
    subject: 'Your place as a mentor on the {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a mentor. We are delighted to offer you a place on the {{Scheme}} ({{Cohort}}).

Before the launch and training day, please make sure the link to your 2-minute introduction video works for anyone with the link: mentees will watch it on the day and then choose three potential mentors.

Pairs meet from {{SchemeStart}} to {{SchemeEnd}}. We will send the details of the launch day separately.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Cohort, Scheme, SchemeStart, SchemeEnd, ReplyTo',
  },
  {
    id: 'accepted-mentee',
    subject: 'Your place as a mentee on the {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a mentee. We are delighted to offer you a place on the {{Scheme}} ({{Cohort}}).

At the launch and training day you will meet the mentors and see their introduction videos; at the end of the day you will choose three potential mentors, and we will match you using your choices and the needs you set out in your application.

Pairs meet from {{SchemeStart}} to {{SchemeEnd}}. We will send the details of the launch day separately.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Cohort, Scheme, SchemeStart, SchemeEnd, ReplyTo',
  },
  {
    id: 'waitlisted',
    subject: 'Your application to the {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a {{Role}}. Places on the {{Scheme}} ({{Cohort}}) are limited and they are all taken for now, so we have put you on the waiting list. If a place becomes free we will offer it to you straight away, in the order applications arrived.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, Cohort, Scheme, ReplyTo',
  },
  {
    id: 'ineligible',
    subject: 'Your application to the {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a {{Role}}. We could not accept your application as it stands:

{{Problems}}

If something here is wrong, or you can put it right, please reply to this e-mail or apply again using the same e-mail address.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, Cohort, Scheme, Problems, ReplyTo',
  },
  {
    id: 'choice-problem',
    subject: 'Please choose your mentors again: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for choosing your potential mentors. We could not use your choices as they stand:

{{Problems}}

Please fill in the form again, using the same e-mail address: {{FormLink}}
Your new answers will replace the earlier ones.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Problems, FormLink, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'acknowledgement',
    subject: 'We have your application: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a {{Role}} on the {{Scheme}} ({{Cohort}}). We have received your application and will let you know the outcome once applications close.

What we received in your name: {{Submitted}}

If you did not send this application, or any of it is wrong, please reply to this e-mail ({{ReplyTo}}) and we will remove or correct it: our form does not ask anyone to sign in, so it cannot check who typed your address.

If you need to change anything, fill in the form again with the same e-mail address ({{FormLink}}): your latest answers replace the earlier ones.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, Submitted, Cohort, Scheme, FormLink, ReplyTo',
  },
  {
    id: 'application-problem',
    subject: 'Please check your application: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for applying to be a {{Role}}. Something in your application needs putting right before we can consider it:

{{Problems}}

Please fill in the form again with the same e-mail address: {{FormLink}}
Your new answers will replace the earlier ones.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, Problems, FormLink, Scheme, ReplyTo',
  },
  {
    id: 'consent-again',
    subject: 'Please agree again to take part: {{Scheme}}',
    body: `Dear {{FirstName}},

Thank you for your interest in the {{Scheme}} ({{Cohort}}). Since you last took part, we have changed the wording of what we ask you to agree to. It now reads:

{{ConsentWording}}

Before we can go ahead with your application to be a {{Role}}, please fill in the form again with the same e-mail address and tick the box to agree: {{FormLink}}
If you were a mentor, you can also tick "Use my profile from my last cohort" to keep your areas of support and video link from last time.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, ConsentWording, FormLink, Scheme, Cohort, ReplyTo',
  },
  {
    id: 'concern-forward',
    subject: 'Confidential: a concern raised through the {{Scheme}}',
    body: `A participant has raised a concern through the confidential concern form. It is not stored in the scheme's spreadsheet; this e-mail is the only copy the scheme keeps.

From: {{Sender}}
Would like the supervisor to contact them: {{Contact}}

{{Concern}}`,
    placeholders: 'Sender, Contact, Concern, Scheme',
  },
  {
    id: 'pair-folder',
    subject: '{{Cohort}} – {{Mentee}} & {{Mentor}}',
    body: "The Subject is the name of each pair's shared Drive folder; this body is not used.",
    placeholders: 'Cohort, Mentee, Mentor, Scheme',
  },
  {
    id: 'introduction',
    subject: 'Introducing {{Mentee}} and {{Mentor}}: {{Scheme}}',
    body: `Dear {{MenteeFirstName}} and {{MentorFirstName}},

We are delighted to introduce you as a mentoring pair on the {{Scheme}} ({{Cohort}}): {{Mentee}} ({{MenteeService}}) will be mentored by {{Mentor}} ({{MentorService}}).

Your shared folder holds the scheme handbook and the templates to guide you through the mentoring process. Only the two of you and the scheme team can open it:
{{FolderLink}}

At your first meeting, please agree together how you will work: whether to meet online or in person (most pairs meet online, and some meet in person now and then), how often, and what you would like to achieve. The handbook has guidance for this conversation.

If things do not go as you hoped, there is support: the handbook explains what to do, and you can contact the scheme's professional supervisor, {{SupervisorName}} ({{SupervisorEmail}}), or the scheme team in confidence. To raise a concern in confidence, use the concern form: {{ConcernFormLink}}

Between {{SchemeStart}} and {{SchemeEnd}} each of you can also book a 1:1 with the supervisor: {{SupervisorBooking}}

The scheme runs from {{SchemeStart}} to {{SchemeEnd}}. In January you can decide together whether to carry on meeting.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders:
      'Mentee, Mentor, MenteeFirstName, MentorFirstName, MenteeService, MentorService, FolderLink, SupervisorName, SupervisorEmail, SupervisorBooking, ConcernFormLink, SchemeStart, SchemeEnd, Cohort, Scheme, ReplyTo',
  },
  {
    id: 'certificate',
    subject: 'Your {{Scheme}} certificate',
    body: `Dear {{FirstName}},

Thank you for mentoring on the {{Scheme}} ({{Cohort}}). Your certificate is attached.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Cohort, Scheme, ReplyTo',
  },
  {
    id: 'confirm-interest',
    subject: 'Are you still interested in the {{Scheme}}?',
    body: `Dear {{FirstName}},

You applied to be a {{Role}} on the {{Scheme}} during {{PreviousCohort}}, after its places were taken. We have kept your application for the next round, {{Cohort}}, so you do not need to apply again.

Please reply to this e-mail to confirm that you are still interested (or to tell us you would rather withdraw). If we do not hear from you, we will ask again before places are offered.

With best wishes,
The scheme team ({{ReplyTo}})`,
    placeholders: 'FirstName, Name, Role, PreviousCohort, Cohort, Scheme, ReplyTo',
  },
  ...EVALUATION_TEMPLATES,
];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Fills the placeholders; the HTML part escapes every value and the staff's own text alike. */
export function renderTemplate(
  template: Template,
  values: Readonly<Record<string, string>>,
): RenderedMail {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => {
      if (!(name in values)) {
        throw new UserError(
          `The "${template.id}" template uses {{${name}}}, which is not a placeholder it can fill (it can use ${Object.keys(
            values,
          )
            .map((k) => `{{${k}}}`)
            .join(', ')}): please correct it in the Templates tab.`,
        );
      }
      return values[name];
    });
  const subject = fill(template.subject).replace(/\s+/g, ' ').trim();
  const text = fill(template.body).replace(/\r\n/g, '\n');
  return { subject, text, html: textToHtml(text) };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Web (and local file) and e-mail addresses in the (already escaped) text become links, so a
 * form or folder link can be clicked in the HTML part. An address ends before a space, a quote
 * or a bracket (as escaped) and before a full stop, comma or bracket closing the sentence.
 */
const LINKABLE =
  /\b(?:https?|file):\/\/[^\s<>"']+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/g;

function linkify(escaped: string): string {
  return escaped.replace(LINKABLE, (found: string) => {
    const address = found
      .replace(/&(?:quot|#39|lt|gt);[\s\S]*$/, '')
      .replace(/(?:[.,;:!?)\]]|&amp;)+$/, '');
    const rest = found.slice(address.length);
    const href = /^(?:https?|file):/.test(address) ? address : `mailto:${address}`;
    return `<a href="${href}">${address}</a>${rest}`;
  });
}

function textToHtml(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${linkify(escapeHtml(p)).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!DOCTYPE html><html><body style="font-family: Arial, sans-serif; line-height: 1.5">\n${paragraphs}\n</body></html>`;
}
