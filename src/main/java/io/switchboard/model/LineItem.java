package io.switchboard.model;

public record LineItem(String sku, String title, int quantity, Money unitPrice) {
}
