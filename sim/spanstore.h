// gclab — MHeap's storage for mspan records: indexed by SpanId, addresses stable as it grows.
//
// Models: mheap_.spanalloc (a fixalloc of mspan structs) in src/runtime/mheap.go. Records live in
// fixed-capacity chunks so that a reference stays valid when more spans are added, and indexing is
// a shift and a mask. Copying the store (a Runtime snapshot) keeps that guarantee in the copy.
#pragma once

#include "sim/mspan.h"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace gclab {

class SpanStore {
  public:
    static constexpr std::size_t chunkShift = 10;
    static constexpr std::size_t chunkSize = std::size_t{1} << chunkShift;

    SpanStore() = default;
    SpanStore(const SpanStore& o) : size_(o.size_) { copyChunks(o); }
    // Assigning reuses the records' storage where it can (restoring a keyframe into the current state
    // then copies data instead of allocating every record's bitmaps and pointer words again).
    SpanStore& operator=(const SpanStore& o) {
        if (this != &o) {
            size_ = o.size_;
            chunks_.resize(std::min(chunks_.size(), o.chunks_.size()));
            for (std::size_t i = 0; i < chunks_.size(); i++) {
                chunks_[i].reserve(chunkSize); // copy-assign below then never reallocates the chunk
                chunks_[i] = o.chunks_[i];
            }
            copyChunks(o, chunks_.size());
        }
        return *this;
    }
    SpanStore(SpanStore&&) noexcept = default;
    SpanStore& operator=(SpanStore&&) noexcept = default;

    MSpan& operator[](std::size_t i) { return chunks_[i >> chunkShift][i & (chunkSize - 1)]; }
    const MSpan& operator[](std::size_t i) const { return chunks_[i >> chunkShift][i & (chunkSize - 1)]; }
    std::size_t size() const { return size_; }

    void emplace_back() {
        if ((size_ & (chunkSize - 1)) == 0) {
            chunks_.emplace_back();
            chunks_.back().reserve(chunkSize);
        }
        chunks_.back().emplace_back();
        size_++;
    }

  private:
    // copyChunks appends copies of o's chunks from index first on.
    void copyChunks(const SpanStore& o, std::size_t first = 0) {
        chunks_.reserve(o.chunks_.size());
        for (std::size_t i = first; i < o.chunks_.size(); i++) {
            chunks_.emplace_back();
            chunks_.back().reserve(chunkSize);
            chunks_.back().insert(chunks_.back().end(), o.chunks_[i].begin(), o.chunks_[i].end());
        }
    }

    std::vector<std::vector<MSpan>> chunks_;
    std::size_t size_ = 0;
};

} // namespace gclab
