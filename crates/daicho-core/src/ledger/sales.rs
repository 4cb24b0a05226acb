//! The ledger's operations on transactions, receivables and collection plans.

use crate::error::SalesError;
use crate::ids::CardId;
use crate::ids::{PaymentId, TransactionId};
use crate::sales::payments::{self, Payment, PaymentFields};
use crate::sales::summary::{self, Period};
use crate::sales::{
    receivables, store, CardSales, CollectionPlan, Receivables, Transaction, TransactionFields,
};

use super::Ledger;

impl Ledger {
    /// The card's sales over `period` (default: the twelve months to today), its
    /// transactions and its collection plan.
    pub fn card_sales(
        &self,
        card_id: &CardId,
        period: Option<Period>,
    ) -> Result<CardSales, SalesError> {
        let today = self.today();
        let card = crate::card::store::load(self.connection(), card_id)?;
        let stated = card
            .fields
            .organisation
            .as_ref()
            .map_or("", |o| o.order_cycle.as_str());
        let period = period.unwrap_or_else(|| Period::year_to(today));
        Ok(CardSales {
            summary: summary::summary(self.connection(), card_id, period, today)?,
            transactions: store::for_card(self.connection(), card_id, today)?,
            plan: store::plan(self.connection(), card_id)?,
            habits: crate::sales::habits::habits(self.connection(), card_id, stated, today)?,
            target: crate::sales::plan::progress::for_card(self.connection(), card_id, today)?,
            fiscal_year: crate::sales::plan::fiscal::year_of(
                today,
                crate::sales::plan::fiscal::first_month(self.connection())?,
            ),
        })
    }

    pub fn sale(&self, id: &TransactionId) -> Result<Transaction, SalesError> {
        store::load(self.connection(), id, self.today())
    }

    pub fn add_transaction(
        &mut self,
        card_id: &CardId,
        fields: &TransactionFields,
    ) -> Result<Transaction, SalesError> {
        let today = self.today();
        self.write(|tx, edit| store::save(tx, card_id, None, fields, edit, today))
    }

    /// Saves an edit made on `version`; refused as stale when someone saved since.
    pub fn update_transaction(
        &mut self,
        id: &TransactionId,
        version: i32,
        fields: &TransactionFields,
    ) -> Result<Transaction, SalesError> {
        let today = self.today();
        self.write(|tx, edit| {
            let card_id = store::load(tx, id, today)?.card_id;
            store::save(tx, &card_id, Some((id, version)), fields, edit, today)
        })
    }

    /// The sale's payments, oldest first.
    pub fn payments(&self, id: &TransactionId) -> Result<Vec<Payment>, SalesError> {
        store::load(self.connection(), id, self.today())?;
        Ok(payments::for_sale(self.connection(), id)?)
    }

    /// Records a payment towards a sale (part of what is owed, or all of it).
    pub fn record_payment(
        &mut self,
        id: &TransactionId,
        fields: &PaymentFields,
    ) -> Result<Transaction, SalesError> {
        let today = self.today();
        self.write(|tx, edit| payments::add(tx, id, fields, edit, today))
    }

    /// Removes a payment recorded by mistake.
    pub fn delete_payment(&mut self, id: &PaymentId) -> Result<Transaction, SalesError> {
        let today = self.today();
        self.write(|tx, edit| payments::delete(tx, id, edit, today))
    }

    pub fn delete_transaction(&mut self, id: &TransactionId) -> Result<(), SalesError> {
        let today = self.today();
        self.write(|tx, edit| store::delete(tx, id, edit, today))
    }

    /// Sets, changes or (with `None`) clears the card's collection plan.
    pub fn set_collection_plan(
        &mut self,
        card_id: &CardId,
        plan: Option<&CollectionPlan>,
    ) -> Result<Option<CollectionPlan>, SalesError> {
        self.write(|tx, edit| store::set_plan(tx, card_id, plan, edit))
    }

    /// What is owed today, by customer and by age; `owner` narrows to one rep's cards.
    pub fn receivables(&self, owner: Option<&str>) -> Result<Receivables, SalesError> {
        let mut owed = receivables::receivables(self.connection(), self.today(), owner)?;
        owed.months = crate::sales::balance::months(self.connection(), self.today(), owner)?;
        Ok(owed)
    }
}
