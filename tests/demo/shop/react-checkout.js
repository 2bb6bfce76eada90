// react-checkout.js — a checkout built with React controlled inputs, as many
// real shops are. The form's values live in React state: what is submitted
// (as JSON, to /submit) is the state, not the DOM. A value written into an
// input without the events React listens to never reaches the state, and
// React puts the old value back at its next render.
'use strict';
const {createElement: h, useState} = React;

const FIELDS = [
    {name: 'givenName', label: 'First name', autoComplete: 'given-name', expect: 'name.given'},
    {name: 'familyName', label: 'Last name', autoComplete: 'family-name', expect: 'name.family'},
    {name: 'email', label: 'Email', type: 'email', autoComplete: 'email', expect: 'emails.0.address'},
    {name: 'phone', label: 'Phone', type: 'tel', autoComplete: 'tel', expect: 'phones.0.number'},
    {name: 'line1', label: 'Address', autoComplete: 'address-line1', expect: 'addresses.0.street'},
    {name: 'city', label: 'City', autoComplete: 'address-level2', expect: 'addresses.0.city'},
    {name: 'postalCode', label: 'ZIP / Postcode', autoComplete: 'postal-code', expect: 'addresses.0.postal_code'},
    {name: 'cardNumber', label: 'Card number', autoComplete: 'cc-number', inputMode: 'numeric', expect: 'cards.0.number'},
    {name: 'cardExpiry', label: 'Expiry (MM/YY)', autoComplete: 'cc-exp', placeholder: 'MM/YY', expect: 'cards.0.exp'},
    {name: 'cardCsc', label: 'CVC', autoComplete: 'cc-csc', inputMode: 'numeric', expect: 'focus-only'},
];
const COUNTRIES = [['', 'Choose…'], ['DE', 'Germany'], ['FR', 'France'], ['GB', 'United Kingdom'],
    ['NL', 'Netherlands'], ['US', 'United States']];

function Field({field, value, onChange}) {
    const id = `react-${field.name}`;
    return h('div', {className: 'row'},
        h('label', {htmlFor: id}, field.label),
        h('input', {id, name: field.name, type: field.type ?? 'text', value,
            autoComplete: field.autoComplete, inputMode: field.inputMode,
            placeholder: field.placeholder, 'data-kf-expect': field.expect,
            onChange: (event) => onChange(field.name, event.target.value)}));
}

function Checkout() {
    const initial = Object.fromEntries([...FIELDS.map((f) => [f.name, '']), ['country', '']]);
    const [values, setValues] = useState(initial);
    const [status, setStatus] = useState(null);
    const change = (name, value) => setValues((old) => ({...old, [name]: value}));

    async function submit(event) {
        event.preventDefault();
        const response = await fetch('/submit', {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body: JSON.stringify(values)});
        setStatus(response.ok ? 'Order received' : `The shop answered ${response.status}`);
    }

    if (status !== null)
        return h('p', {id: 'order-status', role: 'status'}, status);
    return h('form', {id: 'checkout', onSubmit: submit},
        ...FIELDS.map((field) => h(Field, {key: field.name, field, value: values[field.name], onChange: change})),
        h('div', {className: 'row'},
            h('label', {htmlFor: 'react-country'}, 'Country'),
            h('select', {id: 'react-country', name: 'country', value: values.country,
                autoComplete: 'country', 'data-kf-expect': 'addresses.0.country',
                onChange: (event) => change('country', event.target.value)},
                ...COUNTRIES.map(([code, name]) => h('option', {key: code, value: code}, name)))),
        h('button', {type: 'submit'}, 'Place order'));
}

ReactDOM.createRoot(document.getElementById('app')).render(h(Checkout));
