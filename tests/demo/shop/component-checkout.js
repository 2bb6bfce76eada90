/*
 * component-checkout.js — <shop-address-form>: name, e-mail and shipping
 * address in a closed shadow root. `values` is the component's state: what
 * the input events that reached the component (from outside, as composed
 * events do) reported, which is what it would submit.
 */
'use strict';

const FIELDS = [
    ['full_name', 'Full name', 'text'],
    ['email', 'E-mail', 'email'],
    ['ship_line1', 'Street address', 'text'],
    ['ship_city', 'Town or city', 'text'],
    ['ship_postcode', 'Postcode', 'text'],
];

class ShopAddressForm extends HTMLElement {
    #shadow;
    #state = {};

    connectedCallback() {
        this.#shadow = this.attachShadow({mode: 'closed'});
        const form = document.createElement('form');
        for (const [name, text, type] of FIELDS) {
            const row = document.createElement('div');
            row.className = 'row';
            const label = document.createElement('label');
            label.htmlFor = name;
            label.textContent = text;
            const input = document.createElement('input');
            input.id = name;
            input.name = name;
            input.type = type;
            row.append(label, input);
            form.append(row);
        }
        this.#shadow.append(form);
        /* On the host: only events that leave the shadow root arrive. */
        this.addEventListener('input', () => {
            for (const input of this.#shadow.querySelectorAll('input'))
                this.#state[input.name] = input.value;
        });
    }

    get values() {
        return {...this.#state};
    }
}

customElements.define('shop-address-form', ShopAddressForm);
