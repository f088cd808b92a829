// The hand-written protobuf encoder against the encodings worked out in the Protocol Buffers
// documentation ("Encoding": varints, length-delimited fields, packed repeated fields).
#include "cli/protobuf_writer.h"

#include <gtest/gtest.h>

#include <string>

namespace gclab::cli {
namespace {

std::string bytes(std::initializer_list<unsigned char> b) { return std::string(b.begin(), b.end()); }

TEST(ProtobufWriter, VarintFieldMatchesTheDocumentedEncoding) {
    ProtobufWriter w;
    w.uint64Field(1, 150);
    EXPECT_EQ(w.bytes(), bytes({0x08, 0x96, 0x01}));
}

TEST(ProtobufWriter, StringFieldIsLengthDelimited) {
    ProtobufWriter w;
    w.bytesField(2, "testing");
    EXPECT_EQ(w.bytes(), bytes({0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g'}));
}

TEST(ProtobufWriter, PackedRepeatedField) {
    ProtobufWriter w;
    w.packedField(4, std::vector<std::uint64_t>{3, 270, 86942});
    EXPECT_EQ(w.bytes(), bytes({0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05}));
}

TEST(ProtobufWriter, EmbeddedMessageAndNegativeInt64) {
    ProtobufWriter inner;
    inner.uint64Field(1, 150);
    ProtobufWriter w;
    w.messageField(3, inner);
    w.int64Field(1, -1); // two's complement: ten bytes, as proto int64 encodes negative values
    EXPECT_EQ(w.bytes(), bytes({0x1a, 0x03, 0x08, 0x96, 0x01, 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                0xff, 0xff, 0x01}));
}

TEST(ProtobufWriter, LargestVarint) {
    ProtobufWriter w;
    w.uint64Field(15, ~std::uint64_t{0});
    EXPECT_EQ(w.bytes(), bytes({0x78, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
}

} // namespace
} // namespace gclab::cli
