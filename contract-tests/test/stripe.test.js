// Stripe webhooks signed with stripe-node, checked as its constructEvent checks them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { env, url } from './target.js';

const stripe = new Stripe('sk_test_loadgate_contract_tests');

async function post(timestamp) {
  const payload = JSON.stringify({
    id: `evt_contract_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: timestamp,
    api_version: '2025-01-27.acacia',
    data: { object: { id: `pi_${randomUUID().replaceAll('-', '')}`, object: 'payment_intent' } },
  });
  const secret = env('LOADGATE_STRIPE_WEBHOOK_SECRET');
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  const res = await fetch(`${url()}/api/stripe/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
    body: payload,
  });
  return { res, payload, header, secret };
}

describe('Stripe: webhook timestamp tolerance', () => {
  it('a timestamp ahead of the clock is accepted: the tolerance bounds the age only', async () => {
    const { res, payload, header, secret } = await post(Math.floor(Date.now() / 1000) + 600);
    assert.doesNotThrow(() => stripe.webhooks.constructEvent(payload, header, secret), 'stripe-node accepts it');
    assert.equal(res.status, 200, `the app answered ${res.status}`);
    assert.deepEqual(await res.json(), { received: true });
  });

  it('a timestamp older than 300 s is refused, as stripe-node refuses it', async () => {
    const { res, payload, header, secret } = await post(Math.floor(Date.now() / 1000) - 600);
    assert.throws(() => stripe.webhooks.constructEvent(payload, header, secret), /tolerance/);
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'Invalid signature' });
  });
});
