package dev.streampipe.items;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table schema that counts its {@code mapToItem} calls and leaves the work to the schema it wraps. */
final class CountingSchema<T> implements TableSchema<T> {
    final AtomicInteger mappings = new AtomicInteger();
    private final TableSchema<T> delegate;

    CountingSchema(TableSchema<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public T mapToItem(Map<String, AttributeValue> attributeMap) {
        mappings.incrementAndGet();
        return delegate.mapToItem(attributeMap);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, boolean ignoreNulls) {
        return delegate.itemToMap(item, ignoreNulls);
    }

    @Override
    public Map<String, AttributeValue> itemToMap(T item, Collection<String> attributes) {
        return delegate.itemToMap(item, attributes);
    }

    @Override
    public AttributeValue attributeValue(T item, String attributeName) {
        return delegate.attributeValue(item, attributeName);
    }

    @Override
    public TableMetadata tableMetadata() {
        return delegate.tableMetadata();
    }

    @Override
    public EnhancedType<T> itemType() {
        return delegate.itemType();
    }

    @Override
    public List<String> attributeNames() {
        return delegate.attributeNames();
    }

    @Override
    public boolean isAbstract() {
        return delegate.isAbstract();
    }

    @Override
    public AttributeConverter<T> converterForAttribute(Object key) {
        return delegate.converterForAttribute(key);
    }
}
