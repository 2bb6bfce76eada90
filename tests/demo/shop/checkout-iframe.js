// checkout-iframe.js — embeds the payment provider's card form from the
// second origin (its address comes from /demo-config.js).
'use strict';
document.getElementById('card-frame').src =
    new URL('card-frame.html', window.KEYFILL_DEMO.paymentsUrl).href;
