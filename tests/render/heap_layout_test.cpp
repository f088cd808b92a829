// Tests for render/heap_layout.h: where the heap map puts every page, and the inverse mapping.
#include "render/heap_layout.h"

#include <gtest/gtest.h>

#include <cmath>

namespace gclab::render {
namespace {

const HeapGeometry g{};

TEST(HeapGeometry, DefaultRowIsOneBitmapWordAndChunksAreWholeRows) {
    EXPECT_EQ(g.pagesPerRow, 64u);
    EXPECT_EQ(g.rowsPerChunk() * g.pagesPerRow, pallocChunkPages);
    EXPECT_EQ(g.chunksPerArena() * pallocChunkPages, pagesPerArena);
    EXPECT_EQ(g.rowsPerArena(), 128u);
}

TEST(HeapGeometry, RowsInsideAChunkTouchAndChunksAndArenasAreSeparatedByTheirGaps) {
    EXPECT_EQ(g.rowY(0), 0);
    EXPECT_EQ(g.rowY(1), 1);
    EXPECT_EQ(g.rowY(7), 7);
    EXPECT_EQ(g.rowY(8), 8 + g.chunkGap); // first row of chunk 1
    EXPECT_EQ(g.rowY(16), 16 + 2 * g.chunkGap);
    // Arena 1 starts after 16 chunks, 15 chunk gaps and one arena gap.
    EXPECT_EQ(g.rowY(128), 128 + 15 * g.chunkGap + g.arenaGap);
    EXPECT_EQ(g.arenaHeight(), 128 + 15 * g.chunkGap);
}

TEST(HeapGeometry, RowAtInvertsRowYAndGapsBelongToNoRow) {
    for (std::uint64_t r = 0; r < 3 * g.rowsPerArena(); r++) {
        ASSERT_EQ(g.rowAt(g.rowY(r)), r);
        ASSERT_EQ(g.rowAt(g.rowY(r) + 0.999), r);
    }
    EXPECT_FALSE(g.rowAt(8.25));                             // chunk gap after chunk 0
    EXPECT_FALSE(g.rowAt(g.arenaHeight() + g.arenaGap / 2)); // arena gap
    EXPECT_FALSE(g.rowAt(-0.5));
    EXPECT_EQ(g.heightOfRows(8), 8);
    EXPECT_EQ(g.heightOfRows(9), 9 + g.chunkGap);
}

TEST(PageRect, NeighboursInARowAbutAndRowsWrapInAddressOrder) {
    ViewTransform t{100, 50, 8};
    Rect p0 = pageRect(0, g, t), p1 = pageRect(1, g, t), p63 = pageRect(63, g, t), p64 = pageRect(64, g, t);
    EXPECT_EQ(p0, (Rect{100, 50, 108, 58}));
    EXPECT_EQ(p1.x0, p0.x1);
    EXPECT_EQ(p1.y0, p0.y0);
    EXPECT_EQ(p63.x1, 100 + 64 * 8);
    EXPECT_EQ(p64.x0, 100); // the next 512 KiB start a new row
    EXPECT_EQ(p64.y0, p0.y1);
    Rect chunk1 = pageRect(pallocChunkPages, g, t); // first page of the second 4 MiB chunk
    EXPECT_EQ(chunk1.y0, 50 + (8 + g.chunkGap) * 8);
}

TEST(PageAt, InvertsPageRectAtManyZoomsAndOffsets) {
    const std::uint64_t numPages = 3 * pagesPerArena;
    std::uint64_t x = 12345;
    for (int i = 0; i < 2000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        std::uint64_t page = (x >> 20) % numPages;
        double cell = 0.5 + static_cast<double>((x >> 8) % 4000) / 10;
        ViewTransform t{-static_cast<double>((x >> 40) % 5000), static_cast<double>((x >> 50) % 300) - 150,
                        cell};
        Rect r = pageRect(page, g, t);
        double cx = (r.x0 + r.x1) / 2, cy = (r.y0 + r.y1) / 2;
        ASSERT_EQ(pageAt(cx, cy, numPages, g, t), page) << "cell " << cell;
    }
}

TEST(PageAt, NothingInGapsLeftOfTheHeapOrPastTheLastPage) {
    ViewTransform t{0, 0, 10};
    EXPECT_FALSE(pageAt(-1, 5, 1000, g, t));
    EXPECT_FALSE(pageAt(64 * 10 + 1, 5, 1000, g, t));
    EXPECT_FALSE(pageAt(5, 8 * 10 + 2, 1000, g, t)); // in the chunk gap (rows 8.0-8.5)
    EXPECT_EQ(pageAt(5, 5, 1000, g, t), 0u);
    EXPECT_FALSE(pageAt(5, 5, 0, g, t));
}

TEST(VisibleRows, MatchesABruteForceIntersectionTest) {
    const std::uint64_t rows = 2 * g.rowsPerArena();
    for (double cell : {0.3, 1.0, 4.0, 11.0, 64.0, 300.0}) {
        for (double oy : {-5000.0, -700.0, -13.0, 0.0, 40.0}) {
            ViewTransform t{10, oy, cell};
            Rect view{20, 100, 600, 480};
            RowRange vr = visibleRows(view, rows, g, t);
            for (std::uint64_t r = 0; r < rows; r++) {
                double y0 = t.toScreenY(g.rowY(r)), y1 = y0 + cell;
                bool hit = y0 < view.y1 && y1 > view.y0;
                ASSERT_EQ(hit, r >= vr.first && r < vr.last)
                    << "row " << r << " cell " << cell << " oy " << oy;
            }
        }
    }
    EXPECT_TRUE(visibleRows(Rect{0, 0, 100, 100}, 0, g, ViewTransform{}).empty());
    // Entirely right of the heap: nothing.
    EXPECT_TRUE(visibleRows(Rect{0, 0, 100, 100}, 10, g, ViewTransform{200, 0, 1}).empty());
}

TEST(FitTransform, ShowsTheRequestedRowsWholeWithIntegerCells) {
    Rect view{120, 200, 860, 790};
    for (std::uint64_t rows : {1u, 8u, 24u, 120u, 256u, 2048u}) {
        ViewTransform t = fitTransform(view, rows, g);
        Rect first = pageRect(0, g, t), last = pageRect(rows * g.pagesPerRow - 1, g, t);
        EXPECT_GE(first.x0, view.x0);
        EXPECT_GE(first.y0, view.y0);
        EXPECT_LE(pageRect(g.pagesPerRow - 1, g, t).x1, view.x1);
        EXPECT_LE(last.y1, view.y1) << rows;
        if (t.cellPx >= 2) {
            EXPECT_EQ(t.cellPx, std::floor(t.cellPx));
        }
        EXPECT_EQ(t.originX, std::round(t.originX));
    }
}

TEST(FitRows, MappedHeapPlusOneChunkWithinTheReservation) {
    EXPECT_EQ(fitRows(0, pagesPerArena, g), g.rowsPerChunk());
    EXPECT_EQ(fitRows(pallocChunkPages * 3, pagesPerArena, g), 4 * g.rowsPerChunk());
    EXPECT_EQ(fitRows(pagesPerArena, pagesPerArena, g), g.rowsPerArena());
}

TEST(ZoomAbout, KeepsThePointUnderTheCursorFixed) {
    ViewTransform t{33, -20, 6};
    ViewTransform z = zoomAbout(t, 250, 300, 60);
    EXPECT_DOUBLE_EQ(z.cellPx, 60);
    EXPECT_NEAR(z.toWorldX(250), t.toWorldX(250), 1e-9);
    EXPECT_NEAR(z.toWorldY(300), t.toWorldY(300), 1e-9);
    EXPECT_EQ(zoomAbout(t, 0, 0, 1e9).cellPx, maxCellPx);
    EXPECT_EQ(zoomAbout(t, 0, 0, 0).cellPx, minCellPx);
}

TEST(FocusTransform, CentresThePage) {
    Rect view{100, 100, 900, 700};
    ViewTransform t = focusTransform(view, 1000, 128, g);
    Rect r = pageRect(1000, g, t);
    EXPECT_NEAR((r.x0 + r.x1) / 2, 500, 0.5);
    EXPECT_NEAR((r.y0 + r.y1) / 2, 400, 0.5);
    EXPECT_EQ(r.width(), 128);
}

TEST(WordRect, ThirtyTwoWordsPerGridRowInAddressOrder) {
    Rect cell{0, 0, 256, 256};
    EXPECT_EQ(wordRect(cell, 0), (Rect{0, 0, 8, 8}));
    EXPECT_EQ(wordRect(cell, 31), (Rect{248, 0, 256, 8}));
    EXPECT_EQ(wordRect(cell, 32), (Rect{0, 8, 8, 16}));
    EXPECT_EQ(wordRect(cell, wordsPerPage - 1), (Rect{248, 248, 256, 256}));
    for (std::uint32_t w = 0; w < wordsPerPage; w++) {
        Rect r = wordRect(cell, w);
        ASSERT_EQ(wordAt(cell, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2), w);
    }
    EXPECT_FALSE(wordAt(cell, 256, 3));
}

TEST(HeapViewState, FormatAndParseRoundTripExactly) {
    HeapViewState s{Rect{123.5, 80, 1279, 799.25}, HeapGeometry{32, 0.25, 3},
                    ViewTransform{131.125, 88, 7.3}};
    HeapViewState back;
    std::string err;
    ASSERT_TRUE(parseHeapViewState(formatHeapViewState(s), back, err)) << err;
    EXPECT_EQ(back.pageView, s.pageView);
    EXPECT_EQ(back.geometry.pagesPerRow, 32u);
    EXPECT_EQ(back.geometry.chunkGap, 0.25);
    EXPECT_EQ(back.geometry.arenaGap, 3);
    EXPECT_EQ(back.transform.originX, 131.125);
    EXPECT_EQ(back.transform.cellPx, 7.3);
}

TEST(HeapViewState, ParseRejectsIncompleteOrInvalidInput) {
    HeapViewState out;
    std::string err;
    EXPECT_FALSE(parseHeapViewState("", out, err));
    EXPECT_FALSE(parseHeapViewState("pageView 1 2 3 4\ngeometry 64 0.5 2\n", out, err));
    EXPECT_FALSE(parseHeapViewState("pageView 1 2 3 4\ngeometry 100 0.5 2\ntransform 0 0 8\n", out, err));
    EXPECT_FALSE(parseHeapViewState("pageView 1 2 3 4\ngeometry 64 0.5 2\ntransform 0 0 0\n", out, err));
    EXPECT_FALSE(parseHeapViewState("bogus 1\n", out, err));
    EXPECT_FALSE(parseHeapViewState("pageView 1 2 x 4\n", out, err));
}

} // namespace
} // namespace gclab::render
