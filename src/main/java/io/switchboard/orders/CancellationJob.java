package io.switchboard.orders;

/**
 * One order cancellation to carry out, as it travels on the queue {@link OrderCancellations#QUEUE} (JSON).
 *
 * @param jobId       names the job, its row in order_cancellations and its outcome event
 * @param orderNumber the order, as customers quote it
 * @param customerId  the customer who asked (the order's owner)
 */
public record CancellationJob(String jobId, String orderNumber, String customerId) {
}
