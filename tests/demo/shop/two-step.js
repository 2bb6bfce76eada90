// two-step.js — shows the payment step only after "Continue to payment",
// as multi-step checkouts do; the payment fields are in the page all along.
'use strict';
const form = document.getElementById('checkout');
const delivery = document.getElementById('step-delivery');
const payment = document.getElementById('step-payment');
document.getElementById('continue').addEventListener('click', () => {
    if (!form.reportValidity())
        return;
    delivery.hidden = true;
    payment.hidden = false;
    document.getElementById('card-number').focus();
});
document.getElementById('back').addEventListener('click', () => {
    payment.hidden = true;
    delivery.hidden = false;
});
