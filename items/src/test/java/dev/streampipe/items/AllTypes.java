package dev.streampipe.items;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A bean with a property of every DynamoDB type (S, N, B, BOOL, NULL, M, L, SS, NS, BS), several types mapped more
 * than one way, for {@link AllTypesMappingTest}.
 */
@DynamoDbBean
public class AllTypes {
    private String sku;            // S
    private String name;           // S, beyond ASCII
    private int quantity;          // N
    private long sold;             // N
    private BigDecimal price;      // N, a fraction
    private BigDecimal big;        // N, 38 digits
    private Double ratio;          // N, an exponent
    private SdkBytes photo;        // B
    private Boolean active;        // BOOL
    private boolean fragile;       // BOOL
    private String retiredBy;      // NULL
    private Dimensions dimensions; // M, a nested bean
    private Map<String, String> labels;       // M, a map
    private Map<String, Integer> stock;       // M of N
    private List<String> tags;                // L of S
    private List<Integer> history;            // L of N
    private List<Dimensions> boxes;           // L of M
    private List<List<String>> grid;          // L of L
    private Set<String> colors;               // SS
    private Set<Integer> counts;              // NS
    private Set<BigDecimal> sizes;            // NS with fractions
    private Set<SdkBytes> chunks;             // BS

    /** A nested item, as an M. */
    @DynamoDbBean
    public static class Dimensions {
        private Integer width;
        private String unit;

        public Integer getWidth() {
            return width;
        }

        public void setWidth(Integer width) {
            this.width = width;
        }

        public String getUnit() {
            return unit;
        }

        public void setUnit(String unit) {
            this.unit = unit;
        }
    }

    @DynamoDbPartitionKey
    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public long getSold() {
        return sold;
    }

    public void setSold(long sold) {
        this.sold = sold;
    }

    public BigDecimal getPrice() {
        return price;
    }

    public void setPrice(BigDecimal price) {
        this.price = price;
    }

    public BigDecimal getBig() {
        return big;
    }

    public void setBig(BigDecimal big) {
        this.big = big;
    }

    public Double getRatio() {
        return ratio;
    }

    public void setRatio(Double ratio) {
        this.ratio = ratio;
    }

    public SdkBytes getPhoto() {
        return photo;
    }

    public void setPhoto(SdkBytes photo) {
        this.photo = photo;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public boolean isFragile() {
        return fragile;
    }

    public void setFragile(boolean fragile) {
        this.fragile = fragile;
    }

    public String getRetiredBy() {
        return retiredBy;
    }

    public void setRetiredBy(String retiredBy) {
        this.retiredBy = retiredBy;
    }

    public Dimensions getDimensions() {
        return dimensions;
    }

    public void setDimensions(Dimensions dimensions) {
        this.dimensions = dimensions;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, Integer> getStock() {
        return stock;
    }

    public void setStock(Map<String, Integer> stock) {
        this.stock = stock;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public List<Integer> getHistory() {
        return history;
    }

    public void setHistory(List<Integer> history) {
        this.history = history;
    }

    public List<Dimensions> getBoxes() {
        return boxes;
    }

    public void setBoxes(List<Dimensions> boxes) {
        this.boxes = boxes;
    }

    public List<List<String>> getGrid() {
        return grid;
    }

    public void setGrid(List<List<String>> grid) {
        this.grid = grid;
    }

    public Set<String> getColors() {
        return colors;
    }

    public void setColors(Set<String> colors) {
        this.colors = colors;
    }

    public Set<Integer> getCounts() {
        return counts;
    }

    public void setCounts(Set<Integer> counts) {
        this.counts = counts;
    }

    public Set<BigDecimal> getSizes() {
        return sizes;
    }

    public void setSizes(Set<BigDecimal> sizes) {
        this.sizes = sizes;
    }

    public Set<SdkBytes> getChunks() {
        return chunks;
    }

    public void setChunks(Set<SdkBytes> chunks) {
        this.chunks = chunks;
    }
}
