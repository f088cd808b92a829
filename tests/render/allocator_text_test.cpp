// Tests for render/allocator_text.h: every stage and set has a title, a Go symbol and a tooltip of one
// or two sentences naming the runtime source file; an allocation's path reads in path order.
#include "render/allocator_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace gclab::render {
namespace {

int sentences(const std::string& s) {
    int n = 0;
    for (std::size_t i = 0; i + 1 < s.size(); i++)
        n += s[i] == '.' && s[i + 1] == ' ';
    return n + (s.back() == '.' ? 1 : 0);
}

TEST(AllocatorText, EveryElementHasATooltipOfOneOrTwoSentencesNamingTheGoSource) {
    for (int i = 0; i < numAllocStages; i++) {
        const auto st = static_cast<AllocStage>(i);
        const std::string tip = stageTooltip(st);
        SCOPED_TRACE(stageTitle(st));
        EXPECT_NE(std::string(stageTitle(st)), "?");
        EXPECT_NE(std::string(stageSymbol(st)), "?");
        EXPECT_NE(tip.find("runtime/"), std::string::npos);
        EXPECT_GE(sentences(tip), 1);
        EXPECT_LE(sentences(tip), 2);
    }
    for (int i = 0; i < numCentralSets; i++) {
        const std::string tip = centralSetTooltip(static_cast<CentralSet>(i));
        EXPECT_NE(tip.find("mcentral."), std::string::npos) << tip;
        EXPECT_LE(sentences(tip), 2) << tip;
    }
    for (const std::string tip : {mcacheCellTooltip, tinyBlockTooltip}) {
        EXPECT_NE(tip.find("mcache."), std::string::npos) << tip;
        EXPECT_LE(sentences(tip), 2) << tip;
    }
}

TEST(AllocatorText, PathReadsInPathOrderWithTheSpansSource) {
    AllocRecord r{42, AllocPath{}, SpanClass::make(5, false), 0xc000010000, 48};
    for (AllocStage s : {AllocStage::grow, AllocStage::mcache, AllocStage::mcentral, AllocStage::mheap,
                         AllocStage::pageAlloc})
        r.path.visit(s);
    r.path.source = SpanSource::grow;
    EXPECT_EQ(describePath(1, r),
              "48 B on P1 at 0xc000010000, span class 10 (48 B): mcache \u2192 mcentral (no "
              "span in any set: mcentral.grow) \u2192 mheap \u2192 page allocator \u2192 arena "
              "growth");
    AllocPath tiny;
    tiny.visit(AllocStage::tiny);
    EXPECT_EQ(pathText(tiny), "tiny block");
    EXPECT_EQ(shortClassLabel(tinySpanClass), "16 B noscan");
    EXPECT_EQ(shortClassLabel(SpanClass::make(0, true)), "large noscan");
}

} // namespace
} // namespace gclab::render
