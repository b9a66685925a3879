//! What the demo's people write: ticket subjects and bodies, agents' replies
//! and internal notes, survey comments, notes, stage-change reasons and the
//! rest, in the customers' languages.
//!
//! Data and one small fill-in helper only. A `{n}` in a template stands for a
//! number (an invoice, a row, a bug) that the caller supplies, so a few
//! hundred templates give varied text without a `format!` per row.

use std::fmt::Write;

use super::names::Language;

/// A reason to write to support: the subject line and the problem as the
/// requester describes it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Topic {
    pub subject: &'static str,
    pub problem: &'static str,
}

const fn topic(subject: &'static str, problem: &'static str) -> Topic {
    Topic { subject, problem }
}

/// How a requester in one language opens and signs a message, what they
/// write back, and how an agent answers in their language.
pub(super) struct Correspondence {
    pub topics: &'static [Topic],
    pub greetings: &'static [&'static str],
    pub closings: &'static [&'static str],
    pub follow_ups: &'static [&'static str],
    pub agent_acknowledgements: &'static [&'static str],
    pub agent_resolutions: &'static [&'static str],
}

/// Survey comments by sentiment.
pub(super) struct Feedback {
    pub positive: &'static [&'static str],
    pub neutral: &'static [&'static str],
    pub negative: &'static [&'static str],
}

/// Writes `template` to `out` with each `{n}` replaced by `number`.
pub(super) fn fill(template: &str, number: u64, out: &mut String) {
    let mut parts = template.split("{n}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        // Writing to a String cannot fail.
        let _ = write!(out, "{number}");
        out.push_str(part);
    }
}

impl Language {
    pub(super) fn correspondence(self) -> &'static Correspondence {
        match self {
            Language::English => &ENGLISH_CORRESPONDENCE,
            Language::Polish => &POLISH_CORRESPONDENCE,
            Language::German => &GERMAN_CORRESPONDENCE,
            Language::Italian => &ITALIAN_CORRESPONDENCE,
            Language::Russian => &RUSSIAN_CORRESPONDENCE,
            Language::Thai => &THAI_CORRESPONDENCE,
        }
    }

    pub(super) fn feedback(self) -> &'static Feedback {
        match self {
            Language::English => &ENGLISH_FEEDBACK,
            Language::Polish => &POLISH_FEEDBACK,
            Language::German => &GERMAN_FEEDBACK,
            Language::Italian => &ITALIAN_FEEDBACK,
            Language::Russian => &RUSSIAN_FEEDBACK,
            Language::Thai => &THAI_FEEDBACK,
        }
    }

    /// Notes a CSM from this market writes in their own language.
    pub(super) fn notes(self) -> &'static [&'static str] {
        match self {
            Language::English => ENGLISH_NOTES,
            Language::Polish => &[
                "Klient zadowolony z wdrożenia, prosi o szkolenie dla nowych pracowników.",
                "Rozmowa z zarządem:\n- budżet na przyszły rok zatwierdzony\n- chcą integracji z ERP",
            ],
            Language::German => &[
                "Kunde plant die Erweiterung auf weitere Standorte.",
                "Telefonat mit der IT-Leitung:\n- SSO ist Pflicht\n- Vertrag läuft über den Einkauf",
            ],
            Language::Italian => &[
                "Il cliente chiede uno sconto per il rinnovo.",
                "Riunione trimestrale:\n- soddisfatti del supporto\n- vogliono più report",
            ],
            Language::Russian => &[
                "Клиент просит перенести созвон на следующую неделю.",
                "Встреча с руководством:\n- бюджет согласован\n- нужна интеграция с 1С",
            ],
            Language::Thai => &[
                "ลูกค้าต้องการอบรมการใช้งานเพิ่มเติมสำหรับพนักงานใหม่",
                "ประชุมรายไตรมาส:\n- พอใจกับทีมซัพพอร์ต\n- ต้องการรายงานเพิ่ม",
            ],
        }
    }
}

const ENGLISH_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic(
            "Cannot log in after password reset",
            "Since I reset my password this morning the login page keeps saying my credentials are invalid.",
        ),
        topic(
            "Invoice {n} shows the wrong amount",
            "The last invoice charges us for more seats than we have. Could you check it and send a corrected one?",
        ),
        topic(
            "Export to CSV times out",
            "Exporting the monthly report to CSV spins for a few minutes and then fails with a timeout.",
        ),
        topic(
            "How do I add a new admin?",
            "Our IT lead is leaving. How do we give admin rights to someone else on the team?",
        ),
        topic(
            "Webhook deliveries failing with 502",
            "Since yesterday our endpoint receives nothing and the delivery log shows 502 errors.",
        ),
        topic(
            "SSO login loop with Okta",
            "Users who sign in through Okta are sent back to the login page in a loop.",
        ),
        topic(
            "Data missing from yesterday's report",
            "Yesterday's numbers are all zero in the daily report, although the team worked as usual.",
        ),
        topic(
            "API rate limit too low for our sync",
            "Our nightly sync hits the rate limit after about {n} requests. Can the limit be raised for our account?",
        ),
        topic(
            "Please cancel our subscription",
            "We have decided not to continue. Please cancel the subscription at the end of the term.",
        ),
        topic(
            "Upgrade to the business plan",
            "We would like to move to the business plan this month. What happens to our current invoice?",
        ),
        topic(
            "Emails from your app go to spam",
            "Notification e-mails from your app land in spam for everyone at our company.",
        ),
        topic(
            "Mobile app crashes on startup",
            "After the latest update the mobile app closes right after the splash screen.",
        ),
        topic(
            "Need a copy of your DPA",
            "Our legal team needs a signed copy of your data processing agreement before the audit.",
        ),
        topic(
            "Charged twice this month",
            "Our card was charged twice for this month's subscription. Please refund the duplicate.",
        ),
        topic(
            "Salesforce integration stopped syncing",
            "New deals from Salesforce have not appeared since Monday; the integration says it is connected.",
        ),
        topic(
            "Dashboard is very slow",
            "The main dashboard takes more than twenty seconds to load for all of us.",
        ),
        topic(
            "Question about seat pricing",
            "If we add {n} seats in the middle of the term, how is that billed?",
        ),
        topic(
            "Two-factor codes not arriving",
            "Two-factor codes by SMS do not arrive for our users in the UK.",
        ),
        topic(
            "Import failed: row {n} has an invalid date",
            "The customer import stops with an error about an invalid date, but the date looks fine to us.",
        ),
        topic(
            "Feature request: dark mode",
            "Our support team works night shifts; a dark theme would help a lot.",
        ),
    ],
    greetings: &["Hi,", "Hello team,", "Hi there,", "Good morning,"],
    closings: &["Thanks,", "Best regards,", "Cheers,", "Thank you,"],
    follow_ups: &[
        "Any update on this? It's blocking our team.",
        "Thanks, that worked!",
        "I've attached the screenshot you asked for.",
        "It happened again this morning, around 9:40.",
    ],
    agent_acknowledgements: &[
        "Thanks for reaching out. I can see the problem on our side and have passed it to the team; I'll update you as soon as I know more.",
        "Thanks for the details. Could you send a screenshot and the time it happened, so we can check the logs?",
        "Thanks for flagging this. I'm looking into it now and will get back to you today.",
    ],
    agent_resolutions: &[
        "This is sorted now. Let us know if anything still looks off.",
        "I've made the change on our side; it should work for you now.",
        "Our engineers shipped a fix this morning. Could you confirm it works for you too?",
    ],
};

const POLISH_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic("Problem z fakturą", "Faktura za ostatni miesiąc ma błędną kwotę VAT. Prosimy o korektę."),
        topic(
            "Nie mogę się zalogować",
            "Od rana przy logowaniu pojawia się komunikat o błędnym haśle, choć hasło jest poprawne.",
        ),
        topic("Eksport danych nie działa", "Eksport raportu do Excela kończy się błędem po kilku minutach."),
        topic("Prośba o dodanie użytkowników", "Potrzebujemy pięciu dodatkowych kont dla nowego działu."),
        topic("Brak powiadomień e-mail", "Od wczoraj nie dostajemy powiadomień o nowych zamówieniach."),
        topic("Faktura nr {n} — pytanie", "Na fakturze widnieje więcej licencji, niż faktycznie używamy."),
        topic(
            "Błąd synchronizacji z ERP",
            "Synchronizacja zamówień z naszym systemem ERP zatrzymała się w nocy.",
        ),
    ],
    greetings: &["Dzień dobry,", "Witam,"],
    closings: &["Pozdrawiam,", "Z poważaniem,"],
    follow_ups: &["Czy są jakieś postępy? To blokuje naszą pracę.", "Dziękuję, działa!"],
    agent_acknowledgements: &[
        "Dziękujemy za zgłoszenie. Sprawdzamy problem i wrócimy z odpowiedzią najszybciej, jak to możliwe.",
    ],
    agent_resolutions: &["Problem został rozwiązany. Prosimy o informację, jeśli nadal coś nie działa."],
};

const GERMAN_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic(
            "Rechnung fehlt",
            "Für den letzten Monat haben wir keine Rechnung erhalten. Bitte senden Sie sie erneut.",
        ),
        topic("Login nicht möglich", "Seit dem Update kann sich niemand aus unserem Team mehr anmelden."),
        topic("Export bricht ab", "Der CSV-Export bricht nach etwa zwei Minuten mit einem Fehler ab."),
        topic(
            "Zusätzliche Lizenzen benötigt",
            "Wir brauchen zehn weitere Lizenzen für das neue Team in Hamburg.",
        ),
        topic("AV-Vertrag anfordern", "Unsere Rechtsabteilung benötigt den Auftragsverarbeitungsvertrag."),
        topic(
            "Schnittstelle liefert Fehler 500",
            "Die API antwortet seit heute Morgen auf jede Anfrage mit Fehler 500.",
        ),
        topic(
            "Rechnung {n}: falscher Betrag",
            "Auf der Rechnung sind mehr Lizenzen berechnet, als wir nutzen.",
        ),
    ],
    greetings: &["Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,"],
    closings: &["Viele Grüße,", "Mit freundlichen Grüßen,"],
    follow_ups: &["Gibt es schon Neuigkeiten? Das blockiert unser Team.", "Danke, jetzt funktioniert es!"],
    agent_acknowledgements: &[
        "Vielen Dank für Ihre Nachricht. Wir prüfen das und melden uns so schnell wie möglich.",
    ],
    agent_resolutions: &[
        "Das Problem ist behoben. Bitte geben Sie uns Bescheid, falls noch etwas nicht funktioniert.",
    ],
};

const ITALIAN_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic(
            "Errore di accesso",
            "Quando provo ad accedere ricevo un errore generico e la pagina si ricarica.",
        ),
        topic(
            "Fattura errata",
            "Nella fattura di questo mese sono conteggiate più licenze di quelle attive.",
        ),
        topic("Esportazione non funziona", "L'esportazione in Excel si blocca al 90% e non termina mai."),
        topic(
            "Richiesta di formazione",
            "Vorremmo organizzare una sessione di formazione per i nuovi colleghi.",
        ),
        topic("Notifiche non ricevute", "Da ieri non riceviamo più le notifiche via e-mail."),
        topic("Fattura n. {n} da correggere", "La partita IVA riportata in fattura non è corretta."),
    ],
    greetings: &["Buongiorno,", "Salve,"],
    closings: &["Grazie,", "Cordiali saluti,"],
    follow_ups: &["Ci sono novità? Il problema ci blocca.", "Grazie, ora funziona!"],
    agent_acknowledgements: &[
        "Grazie per la segnalazione. Stiamo verificando e vi aggiorneremo al più presto.",
    ],
    agent_resolutions: &["Il problema è stato risolto. Fateci sapere se notate altro."],
};

const RUSSIAN_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic(
            "Не приходит письмо",
            "Письмо для подтверждения регистрации не приходит, папку «Спам» проверили.",
        ),
        topic("Не могу войти в систему", "После смены пароля система пишет, что пароль неверный."),
        topic("Ошибка при выгрузке отчёта", "Выгрузка отчёта в Excel завершается ошибкой через пару минут."),
        topic("Вопрос по счёту", "В счёте указано больше лицензий, чем мы используем."),
        topic("Нужна интеграция с 1С", "Подскажите, можно ли настроить обмен данными с 1С?"),
        topic("Счёт № {n} не оплачивается", "При оплате счёта банк возвращает ошибку."),
    ],
    greetings: &["Здравствуйте!", "Добрый день!"],
    closings: &["Спасибо,", "С уважением,"],
    follow_ups: &["Есть новости? Это мешает работе.", "Спасибо, всё заработало!"],
    agent_acknowledgements: &["Спасибо за обращение! Мы уже разбираемся и скоро вернёмся с ответом."],
    agent_resolutions: &["Проблема решена. Напишите, пожалуйста, если что-то ещё не работает."],
};

const THAI_CORRESPONDENCE: Correspondence = Correspondence {
    topics: &[
        topic("ไม่สามารถเข้าสู่ระบบได้", "ตั้งแต่เช้านี้ทีมของเราไม่สามารถเข้าสู่ระบบได้ ขึ้นข้อความว่ารหัสผ่านไม่ถูกต้อง"),
        topic("ใบแจ้งหนี้ไม่ถูกต้อง", "ใบแจ้งหนี้เดือนนี้คิดค่าบริการผู้ใช้เกินจำนวนจริง"),
        topic("ส่งออกรายงานไม่ได้", "การส่งออกรายงานเป็นไฟล์ Excel ค้างและไม่เสร็จ"),
        topic("ต้องการเพิ่มผู้ใช้", "เราต้องการเพิ่มผู้ใช้อีกห้าคนสำหรับแผนกใหม่"),
        topic("ไม่ได้รับอีเมลแจ้งเตือน", "ตั้งแต่เมื่อวานไม่ได้รับอีเมลแจ้งเตือนคำสั่งซื้อใหม่เลย"),
    ],
    greetings: &["สวัสดีครับ", "สวัสดีค่ะ"],
    closings: &["ขอบคุณครับ", "ขอบคุณค่ะ"],
    follow_ups: &["มีความคืบหน้าหรือยังครับ ปัญหานี้ทำให้ทีมทำงานไม่ได้", "ขอบคุณครับ ใช้งานได้แล้ว"],
    agent_acknowledgements: &["ขอบคุณที่แจ้งปัญหาเข้ามา ทีมงานกำลังตรวจสอบและจะแจ้งกลับโดยเร็วที่สุด"],
    agent_resolutions: &["แก้ไขปัญหาเรียบร้อยแล้ว หากยังพบปัญหาโปรดแจ้งเราอีกครั้ง"],
};

const ENGLISH_FEEDBACK: Feedback = Feedback {
    positive: &[
        "Great product, the team loves it.",
        "Support is fast and friendly.",
        "Saves us hours every week.",
    ],
    neutral: &["Does the job; reporting could be better.", "Fine overall, a bit pricey."],
    negative: &[
        "Too many bugs lately.",
        "Support takes days to answer.",
        "We are looking at alternatives.",
        "The last update broke our workflow.",
    ],
};

const POLISH_FEEDBACK: Feedback = Feedback {
    positive: &["Świetne narzędzie, polecam!", "Szybka i pomocna obsługa."],
    neutral: &["Ogólnie w porządku, ale raporty mogłyby być lepsze."],
    negative: &["Za dużo błędów w ostatnim czasie.", "Na odpowiedź czekamy tygodniami."],
};

const GERMAN_FEEDBACK: Feedback = Feedback {
    positive: &["Sehr zufrieden, klare Empfehlung.", "Schneller und freundlicher Support."],
    neutral: &["Funktioniert, aber die Berichte sind umständlich."],
    negative: &["Zu viele Fehler seit dem letzten Update.", "Der Support antwortet viel zu langsam."],
};

const ITALIAN_FEEDBACK: Feedback = Feedback {
    positive: &["Ottimo prodotto, lo consiglio.", "Assistenza rapida e cortese."],
    neutral: &["Funziona, ma il prezzo è alto."],
    negative: &["Troppi problemi ultimamente.", "Il supporto risponde troppo tardi."],
};

const RUSSIAN_FEEDBACK: Feedback = Feedback {
    positive: &["Отличный сервис, рекомендую!", "Поддержка отвечает быстро."],
    neutral: &["В целом нормально, но отчёты неудобные."],
    negative: &["Слишком много ошибок в последнее время.", "Поддержка отвечает очень долго."],
};

const THAI_FEEDBACK: Feedback = Feedback {
    positive: &["บริการดีมาก ประทับใจครับ", "ทีมซัพพอร์ตตอบเร็วมาก"],
    neutral: &["ใช้งานได้ดี แต่ราคาค่อนข้างสูง"],
    negative: &["ช่วงนี้ระบบมีปัญหาบ่อย", "ติดต่อซัพพอร์ตแล้วรอนานมาก"],
};

const ENGLISH_NOTES: &[&str] = &[
    "QBR notes:\n- happy with support\n- want SSO next quarter\n- budget review in March",
    "Our champion is leaving the company; we need a new contact.",
    "Discussed expanding to the sales team; send a quote for {n} seats.",
    "They mentioned they are evaluating a competitor.",
    "Onboarding call went well: admin trained, next step is importing historical data.",
    "Asked for a case study; they agreed in principle.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder() {
        let mut out = String::new();
        fill("Invoice {n} and {n}", 42, &mut out);
        assert_eq!(out, "Invoice 42 and 42");
        out.clear();
        fill("{n}", 7, &mut out);
        assert_eq!(out, "7");
        out.clear();
        fill("no number", 7, &mut out);
        assert_eq!(out, "no number");
    }

    #[test]
    fn every_language_has_something_to_say() {
        for language in [
            Language::English,
            Language::Polish,
            Language::German,
            Language::Italian,
            Language::Russian,
            Language::Thai,
        ] {
            let mail = language.correspondence();
            for list in [
                mail.greetings,
                mail.closings,
                mail.follow_ups,
                mail.agent_acknowledgements,
                mail.agent_resolutions,
                language.notes(),
            ] {
                assert!(!list.is_empty(), "{language:?}");
            }
            assert!(!mail.topics.is_empty());
            let feedback = language.feedback();
            assert!(!feedback.positive.is_empty() && !feedback.negative.is_empty());
            assert!(!feedback.neutral.is_empty());
        }
    }
}
