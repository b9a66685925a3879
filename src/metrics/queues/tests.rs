use super::duplicates::{comparable_name, registrable_label};
use super::*;
use crate::model::company_domain;
use crate::model::{Currency, LifecycleStage, Money, SafeText};

fn summary(id: i64, name: &str, domain: &str, mrr: i64) -> AccountSummary {
    AccountSummary {
        id: AccountId(id),
        name: SafeText::line(name, crate::model::FieldCap::NAME),
        domain: SafeText::line(domain, crate::model::FieldCap::TOKEN),
        stage: LifecycleStage::Retention,
        plan: SafeText::default(),
        mrr: Money::new(mrr, Currency::USD),
        renewal_date: None,
        owner: SafeText::default(),
    }
}

#[test]
fn company_suffixes_are_left_out_of_names() {
    assert_eq!(comparable_name("Acme GmbH"), "acme");
    assert_eq!(comparable_name("ACME, Inc."), "acme");
    assert_eq!(comparable_name("Acme Sp. z o.o."), "acme");
    assert_eq!(comparable_name("Rossi S.r.l."), "rossi");
    assert_eq!(comparable_name("Acme Co. KG"), "acme");
    // A name that is nothing but a suffix keeps it.
    assert_eq!(comparable_name("Inc."), "inc");
}

fn duplicate_reasons(summaries: &[AccountSummary], contact_emails: &[ContactEmail]) -> Vec<(i64, String)> {
    let facts = Facts::default();
    let inputs = QueueInputs {
        facts: &facts,
        summaries,
        health: &HealthModel::default(),
        risk: &RiskModel::default(),
        tickets_due: &[],
        my_tasks: &[],
        contact_emails,
    };
    queue_rows(QueueKind::Duplicates, &inputs, QueueSort::Urgency, Timestamp::UNIX_EPOCH)
        .into_iter()
        .map(|row| (row.account.id.0, row.reason))
        .collect()
}

fn contact(account: i64, email: &str) -> ContactEmail {
    ContactEmail { account: AccountId(account), email: email.to_owned() }
}

#[test]
fn a_shared_domain_is_a_duplicate_whatever_the_names() {
    let summaries = [
        summary(1, "Acme GmbH", "acme.de", 100),
        summary(2, "Globex", "acme.de", 10),
        summary(3, "Initech", "initech.com", 10),
    ];
    assert_eq!(
        duplicate_reasons(&summaries, &[]),
        [(1, "same domain as #2 Globex".to_owned()), (2, "same domain as #1 Acme GmbH".to_owned())]
    );
}

#[test]
fn domains_are_compared_without_case_or_www() {
    let summaries = [summary(1, "Acme", "WWW.Acme.com", 100), summary(2, "Acme Labs", "acme.com.", 10)];
    let ids: Vec<i64> = duplicate_reasons(&summaries, &[]).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(company_domain(" WWW.Acme.COM "), Some("acme.com".to_owned()));
    assert_eq!(company_domain("gmail.com"), None, "a mail provider links nobody");
    assert_eq!(company_domain(""), None);
}

#[test]
fn the_same_name_at_unrelated_domains_is_not_a_duplicate() {
    let summaries = [
        summary(1, "Nordwind Logistik GmbH", "nordwind-logistik.de", 100),
        summary(2, "Nordwind Logistik AG", "nordwind-logistik-2.de", 10),
        summary(3, "Nordwind Logistik", "", 10),
    ];
    assert_eq!(duplicate_reasons(&summaries, &[]), []);
}

#[test]
fn the_same_name_with_the_same_domain_label_is_a_duplicate() {
    let summaries = [
        summary(1, "Acme GmbH", "acme.de", 100),
        summary(2, "ACME Inc.", "acme.com", 50),
        summary(3, "Acme Ltd", "acme.co.uk", 10),
        summary(4, "Acme Robotics", "acme.io", 10),
    ];
    assert_eq!(
        duplicate_reasons(&summaries, &[]),
        [
            (1, "same name and domain acme.* as #2 ACME Inc., #3 Acme Ltd".to_owned()),
            (2, "same name and domain acme.* as #1 Acme GmbH, #3 Acme Ltd".to_owned()),
            (3, "same name and domain acme.* as #1 Acme GmbH, #2 ACME Inc.".to_owned()),
        ],
        "one set, by MRR within it; another name at the same label is not linked"
    );
    assert_eq!(registrable_label("shop.acme.com.pl"), Some("acme"));
    assert_eq!(registrable_label("localhost"), None);
}

#[test]
fn the_same_name_with_a_shared_contact_is_a_duplicate() {
    let summaries = [
        summary(1, "Rossi S.r.l.", "rossi-costruzioni.it", 100),
        summary(2, "Rossi", "rossi.example", 50),
        summary(3, "Rossi SpA", "rossi-moda.it", 10),
        summary(4, "Rossi", "", 5),
        summary(5, "ROSSI SNC", "", 5),
        summary(6, "Rossi", "", 5),
    ];
    let contacts = [
        contact(1, "giulia@rossi-costruzioni.it"),
        contact(2, " Giulia@Rossi-Costruzioni.IT"),
        contact(3, "marco@rossi-moda.it"),
        contact(4, "anna@gmail.com"),
        contact(5, "anna@gmail.com"),
        contact(6, "luca@gmail.com"),
    ];
    assert_eq!(
        duplicate_reasons(&summaries, &contacts),
        [
            (1, "same name and contact giulia@rossi-costruzioni.it as #2 Rossi".to_owned()),
            (2, "same name and contact giulia@rossi-costruzioni.it as #1 Rossi S.r.l.".to_owned()),
            (4, "same name and contact anna@gmail.com as #5 ROSSI SNC".to_owned()),
            (5, "same name and contact anna@gmail.com as #4 Rossi".to_owned()),
        ],
        "accounts without a domain are linked by a shared contact too"
    );
}

#[test]
fn a_reason_names_each_other_account_once_and_counts_the_rest() {
    let summaries = [
        summary(1, "Acme GmbH", "acme.de", 100),
        summary(2, "Acme AG", "acme.de", 90),
        summary(3, "Acme Inc.", "acme.com", 80),
        summary(4, "Globex", "acme.de", 70),
        summary(5, "Hooli", "acme.de", 60),
        summary(6, "Umbrella", "acme.de", 50),
    ];
    let reasons = duplicate_reasons(&summaries, &[]);
    assert_eq!(
        reasons[0],
        (
            1,
            "same domain as #2 Acme AG, #4 Globex, #5 Hooli (and 1 more); \
             same name and domain acme.* as #3 Acme Inc."
                .to_owned()
        )
    );
    assert_eq!(reasons[2], (3, "same name and domain acme.* as #1 Acme GmbH, #2 Acme AG".to_owned()));
    assert_eq!(reasons.len(), 6);
}

#[test]
fn sorting_by_mrr_and_name_breaks_ties_by_id() {
    let mut rows: Vec<QueueRow> = [summary(2, "b", "", 5), summary(1, "B", "", 5), summary(3, "a", "", 9)]
        .into_iter()
        .map(|account| QueueRow { account, reason: String::new(), sort_key: 0 })
        .collect();
    sort_rows(&mut rows, QueueSort::Mrr);
    assert_eq!(rows.iter().map(|row| row.account.id.0).collect::<Vec<_>>(), [3, 1, 2]);
    sort_rows(&mut rows, QueueSort::Name);
    assert_eq!(rows.iter().map(|row| row.account.id.0).collect::<Vec<_>>(), [3, 1, 2]);
}

#[test]
fn durations_read_in_their_largest_unit() {
    assert_eq!(super::record_queues::duration_text(59 * 60), "59 min");
    assert_eq!(super::record_queues::duration_text(5 * 3_600 + 10), "5 h");
    assert_eq!(super::record_queues::duration_text(3 * 86_400), "3 days");
}

#[test]
fn thousands_of_records_of_one_company_take_linear_time_and_are_counted_exactly() {
    let count = 20_000;
    let mut summaries: Vec<AccountSummary> = (1..=count)
        .map(|id| summary(id, "Acme", if id % 2 == 0 { "acme.com" } else { "acme.de" }, 10))
        .collect();
    summaries.push(summary(count + 1, "Acme", "", 10));
    let contacts: Vec<ContactEmail> = (1..=count + 1).map(|id| contact(id, "ceo@acme.com")).collect();
    let reasons = duplicate_reasons(&summaries, &contacts);
    assert_eq!(reasons.len(), 20_001);
    assert_eq!(
        reasons[0].1,
        "same domain as #3 Acme, #5 Acme, #7 Acme (and 9996 more); \
         same name and domain acme.* as #2 Acme, #4 Acme, #6 Acme (and 9997 more); \
         same name and contact ceo@acme.com as #20001 Acme"
    );
    assert_eq!(
        reasons[20_000].1,
        "same name and contact ceo@acme.com as #1 Acme, #2 Acme, #3 Acme (and 19997 more)"
    );
}
